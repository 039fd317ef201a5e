import type { PurgeTask } from '../../../platform/retention/index.ts';
import { deleteSpentOperatorSessions } from './operator.repository.ts';

/** An operator's ended or expired sessions are only records of secrets. */
export const operatorSessionPurgeTask: PurgeTask = {
  name: 'spent operator sessions',
  tables: ['operator_sessions'],
  run: (deps) => deleteSpentOperatorSessions(deps.db, deps.clock.now()),
};
