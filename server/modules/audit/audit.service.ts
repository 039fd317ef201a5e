import type { Transaction } from 'kysely';
import type { Clock } from '../../platform/clock/clock.ts';
import type { DialectName } from '../../platform/database/database.ts';
import type { Database } from '../../platform/database/schema.ts';
import { appendAuditEntry } from './audit.repository.ts';

/** Deployment-wide chain, for events outside any network (setup, key rotation). */
export const systemChain = '-';

export interface AuditInput {
  networkId: string | null;
  actorMemberId: string | null;
  /** `<module>.<pastTense>`, e.g. `member.roleGranted`, `case.read`. */
  action: string;
  objectType?: string;
  objectId?: string;
  /** Ids and internal-class values only: never names, contacts, notes or addresses. */
  metadata?: Record<string, string | number | boolean | null | string[]>;
}

export interface AuditDeps {
  dialect: DialectName;
  clock: Clock;
}

/** Writes an audit entry in the same transaction as the change it records. */
export async function recordAudit(
  deps: AuditDeps,
  trx: Transaction<Database>,
  input: AuditInput,
): Promise<void> {
  await appendAuditEntry(trx, deps.dialect, {
    chain: input.networkId ?? systemChain,
    actor_member_id: input.actorMemberId,
    action: input.action,
    object_type: input.objectType ?? null,
    object_id: input.objectId ?? null,
    metadata: JSON.stringify(input.metadata ?? {}),
    created_at: deps.clock.now(),
  });
}
