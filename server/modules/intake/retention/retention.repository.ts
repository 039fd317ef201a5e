import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';

type Db = Kysely<Database>;

/**
 * Empties SQLite's write-ahead log, so the old versions of purged rows (secure_delete already
 * zeroes them in the database file) do not linger in WAL frames. False when a reader kept it busy.
 */
export async function checkpointSqlite(db: Db): Promise<boolean> {
  const result = await sql<{ busy: number }>`pragma wal_checkpoint(TRUNCATE)`.execute(db);
  return (result.rows[0]?.busy ?? 1) === 0;
}
