import type { PurgeTask } from '../../../platform/retention/index.ts';
import { deleteExceptionsEndedBefore } from './rota.repository.ts';

/** Time off and swaps say where a volunteer was; kept 30 days after they end, then deleted. */
export const rotaExceptionRetentionMs = 30 * 24 * 60 * 60 * 1000;

export const rotaPurgeTasks: readonly PurgeTask[] = [
  {
    name: 'rota exceptions ended over 30 days ago',
    tables: ['rota_exceptions'],
    run: (deps) => deleteExceptionsEndedBefore(deps.db, deps.clock.now() - rotaExceptionRetentionMs),
  },
];
