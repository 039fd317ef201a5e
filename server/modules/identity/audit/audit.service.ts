import type { Kysely } from 'kysely';
import type { Clock } from '../../../platform/clock/clock.ts';
import type { DialectName } from '../../../platform/database/database.ts';
import type { Database } from '../../../platform/database/schema.ts';
import { isAuditAction } from './audit-actions.contract.ts';
import type { AuditAction, SensitiveReadAction } from './audit-actions.contract.ts';
import { appendAuditEntry } from './audit.repository.ts';

/** Deployment-wide chain, for events outside any network (setup, key rotation). */
export const systemChain = '-';

export type AuditMetadata = Record<string, string | number | boolean | null | string[]>;

export interface AuditInput {
  networkId: string | null;
  actorMemberId: string | null;
  /** From the catalogue in audit-actions.contract.ts, e.g. `member.roleGranted`, `case.read`. */
  action: AuditAction;
  objectType?: string;
  objectId?: string;
  /** Ids and internal-class values only: never names, contacts, notes or addresses. */
  metadata?: AuditMetadata;
}

export interface AuditDeps {
  dialect: DialectName;
  clock: Clock;
}

/**
 * Writes an audit entry in the same transaction as the change it records, so the change and its
 * entry commit or roll back together. Given the database rather than a transaction, it writes
 * the entry in a transaction of its own.
 */
export async function recordAudit(
  deps: AuditDeps,
  trx: Kysely<Database>,
  input: AuditInput,
): Promise<{ id: string; seq: number }> {
  // The type already forbids it; this stops a cast or a JavaScript caller writing a stray name.
  if (!isAuditAction(input.action)) throw new Error(`unknown audit action ${String(input.action)}`);
  const row = await appendAuditEntry(trx, deps.dialect, {
    chain: input.networkId ?? systemChain,
    actor_member_id: input.actorMemberId,
    action: input.action,
    object_type: input.objectType ?? null,
    object_id: input.objectId ?? null,
    metadata: JSON.stringify(input.metadata ?? {}),
    created_at: deps.clock.now(),
  });
  return { id: row.id, seq: row.seq };
}

export interface SensitiveReadInput {
  networkId: string;
  actorMemberId: string;
  objectType: string;
  objectId: string;
  /** Which sensitive field or group of fields was shown, e.g. `contact`, `notes`. Never its value. */
  field: string;
  /** Defaults to `sensitive.read`; a module may use its own read action (`case.read`). */
  action?: SensitiveReadAction;
}

/**
 * Records that a member was shown a sensitive record (SECURITY.md: audit of every sensitive
 * read). Call it before returning the data, in the transaction that reads it, so data is never
 * shown without its entry.
 */
export async function recordSensitiveRead(
  deps: AuditDeps,
  trx: Kysely<Database>,
  input: SensitiveReadInput,
): Promise<void> {
  await recordAudit(deps, trx, {
    networkId: input.networkId,
    actorMemberId: input.actorMemberId,
    action: input.action ?? 'sensitive.read',
    objectType: input.objectType,
    objectId: input.objectId,
    metadata: { field: input.field },
  });
}
