import type { PurgeTask } from '../../../platform/retention/index.ts';
import { deleteExpiredWebauthnChallenges } from './credential.repository.ts';
import { deleteDeadSessions } from './session.repository.ts';
import { deleteExpiredPendingSignIns } from './sign-in.repository.ts';

/** What sign-in leaves behind once it can no longer be used (server/retention.ts runs these). */
export const authPurgeTasks: readonly PurgeTask[] = [
  {
    name: 'expired or revoked sessions',
    tables: ['sessions'],
    run: (deps) => deleteDeadSessions(deps.db, deps.clock.now()),
  },
  {
    name: 'expired passkey challenges',
    tables: ['webauthn_challenges'],
    run: (deps) => deleteExpiredWebauthnChallenges(deps.db, deps.clock.now()),
  },
  {
    name: 'expired pending sign-ins',
    tables: ['pending_sign_ins'],
    run: (deps) => deleteExpiredPendingSignIns(deps.db, deps.clock.now()),
  },
];
