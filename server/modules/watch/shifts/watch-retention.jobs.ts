import type { PurgeTask } from '../../../platform/retention/index.ts';
import { deleteSignupsEndedBefore } from './shift.repository.ts';

/** A sign-up says where a volunteer was and when: kept 30 days after the shift, then deleted. */
export const watchSignupRetentionMs = 30 * 24 * 60 * 60 * 1000;

export const watchPurgeTasks: readonly PurgeTask[] = [
  {
    name: 'watch sign-ups of shifts ended over 30 days ago',
    tables: ['watch_signups'],
    run: (deps) => deleteSignupsEndedBefore(deps.db, deps.clock.now() - watchSignupRetentionMs),
  },
];
