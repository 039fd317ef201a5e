import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import type { DialectName } from '../../platform/database/database.ts';
import type { Database } from '../../platform/database/schema.ts';
import { newId } from '../../platform/ids/ids.ts';
import type { AuditLogTable } from './audit.tables.ts';

export const genesisHash = '0'.repeat(64);

/** The fields covered by an entry's hash, in a fixed order. */
export function hashAuditEntry(entry: Omit<AuditLogTable, 'hash'>): string {
  const canonical = JSON.stringify([
    entry.id,
    entry.chain,
    entry.seq,
    entry.actor_member_id,
    entry.action,
    entry.object_type,
    entry.object_id,
    entry.metadata,
    entry.created_at,
    entry.prev_hash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * Appends to a chain inside the caller's transaction. On PostgreSQL an advisory lock serializes
 * writers of one chain so two transactions never take the same sequence number; SQLite already
 * has a single writer.
 */
export async function appendAuditEntry(
  trx: Transaction<Database> | Kysely<Database>,
  dialect: DialectName,
  entry: Pick<
    AuditLogTable,
    'chain' | 'actor_member_id' | 'action' | 'object_type' | 'object_id' | 'metadata' | 'created_at'
  >,
): Promise<AuditLogTable> {
  if (dialect === 'postgres') {
    await sql`select pg_advisory_xact_lock(hashtext(${`audit:${entry.chain}`}))`.execute(trx);
  }
  const last = await trx
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .where('chain', '=', entry.chain)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const unhashed = {
    ...entry,
    id: newId(),
    seq: (last?.seq ?? 0) + 1,
    prev_hash: last?.hash ?? genesisHash,
  };
  const row: AuditLogTable = { ...unhashed, hash: hashAuditEntry(unhashed) };
  await trx.insertInto('audit_log').values(row).execute();
  return row;
}
