import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.ts';

export interface CheckpointResult {
  /** 1 when another connection kept the checkpoint from finishing. */
  busy: number;
  log: number;
  checkpointed: number;
}

/**
 * Empties SQLite's write-ahead log, so the old versions of purged rows do not linger in WAL
 * frames. False when a reader kept it busy.
 */
export async function checkpointSqlite(db: Kysely<Database>): Promise<boolean> {
  const result = await sql<{ busy: number }>`pragma wal_checkpoint(TRUNCATE)`.execute(db);
  return (result.rows[0]?.busy ?? 1) === 0;
}

/**
 * Rewrites the SQLite file without free pages (VACUUM) and empties the write-ahead log, so deleted
 * rows survive neither in the database file nor in the WAL.
 */
export async function compactSqlite(db: Kysely<Database>): Promise<CheckpointResult> {
  await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
  await sql`vacuum`.execute(db);
  const result = await sql<CheckpointResult>`pragma wal_checkpoint(TRUNCATE)`.execute(db);
  return result.rows[0] ?? { busy: 1, log: -1, checkpointed: -1 };
}

/** Plain VACUUM of the purged tables: marks the deleted rows' space reusable without locking them. */
export async function vacuumPostgres(db: Kysely<Database>, tables: readonly string[]): Promise<void> {
  const names = tables.filter((table) => /^[a-z_][a-z0-9_]*$/.test(table));
  if (names.length === 0) return;
  await sql`vacuum ${sql.join(names.map((table) => sql.table(table)))}`.execute(db);
}
