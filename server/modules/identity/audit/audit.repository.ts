import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DialectName } from '../../../platform/database/database.ts';
import type { Database } from '../../../platform/database/schema.ts';
import { newId } from '../../../platform/ids/ids.ts';
import { genesisHash, hashAuditEntry } from './audit-chain.ts';
import type { AuditLogTable } from './audit.tables.ts';

/** Advisory-lock class for audit chains: the two-key form keeps clear of other modules' locks. */
const auditLockClass = 0x41554454; // 'AUDT'

export type NewAuditEntry = Pick<
  AuditLogTable,
  'chain' | 'actor_member_id' | 'action' | 'object_type' | 'object_id' | 'metadata' | 'created_at'
>;

/**
 * Appends to a chain inside the caller's transaction. On PostgreSQL a transaction-scoped advisory
 * lock serializes writers of one chain, so two transactions never take the same position; SQLite
 * already has a single writer. Given no transaction, it opens one: outside a transaction the lock
 * would be released before the insert.
 */
export async function appendAuditEntry(
  executor: Kysely<Database>,
  dialect: DialectName,
  entry: NewAuditEntry,
): Promise<AuditLogTable> {
  if (!executor.isTransaction) {
    return executor.transaction().execute((trx) => appendAuditEntry(trx, dialect, entry));
  }
  if (dialect === 'postgres') {
    await sql`select pg_advisory_xact_lock(${auditLockClass}, hashtext(${entry.chain}))`.execute(executor);
  }
  const last = await executor
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .where('chain', '=', entry.chain)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const unhashed = { ...entry, id: newId(), seq: (last?.seq ?? 0) + 1, prev_hash: last?.hash ?? genesisHash };
  const row: AuditLogTable = { ...unhashed, hash: hashAuditEntry(unhashed) };
  await executor.insertInto('audit_log').values(row).execute();
  return row;
}

/** Up to `limit` entries of a chain after position `afterSeq`, oldest first. */
export async function findChainEntries(
  db: Kysely<Database>,
  chain: string,
  afterSeq: number,
  limit: number,
): Promise<AuditLogTable[]> {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('chain', '=', chain)
    .where('seq', '>', afterSeq)
    .orderBy('seq', 'asc')
    .limit(limit)
    .execute();
}

export async function findChainNames(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('audit_log').select('chain').distinct().orderBy('chain').execute();
  return rows.map((row) => row.chain);
}

export interface AuditEntryFilter {
  chain: string;
  action?: string;
  actorMemberId?: string;
  objectType?: string;
  objectId?: string;
  /** Inclusive, epoch ms. */
  from?: number;
  /** Exclusive, epoch ms. */
  to?: number;
  /** Only entries before this position (keyset pagination, newest first). */
  beforeSeq?: number;
  limit: number;
}

/** Entries of one chain matching every given filter, newest first. */
export async function findAuditEntries(
  db: Kysely<Database>,
  filter: AuditEntryFilter,
): Promise<AuditLogTable[]> {
  let query = db.selectFrom('audit_log').selectAll().where('chain', '=', filter.chain);
  if (filter.action !== undefined) query = query.where('action', '=', filter.action);
  if (filter.actorMemberId !== undefined) query = query.where('actor_member_id', '=', filter.actorMemberId);
  if (filter.objectType !== undefined) query = query.where('object_type', '=', filter.objectType);
  if (filter.objectId !== undefined) query = query.where('object_id', '=', filter.objectId);
  if (filter.from !== undefined) query = query.where('created_at', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('created_at', '<', filter.to);
  if (filter.beforeSeq !== undefined) query = query.where('seq', '<', filter.beforeSeq);
  return query.orderBy('seq', 'desc').limit(filter.limit).execute();
}
