import type { PurgeTask } from '../../../platform/retention/index.ts';
import { deleteSpentSetupTokens } from './setup.repository.ts';

/** A setup link works once; a used or expired one is only a record of a secret. */
export const setupTokenPurgeTask: PurgeTask = {
  name: 'used or expired setup links',
  tables: ['setup_tokens'],
  run: (deps) => deleteSpentSetupTokens(deps.db, deps.clock.now()),
};
