import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

export type DialectName = 'sqlite' | 'postgres';

export type DatabaseTarget =
  { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; poolSize?: number; schema?: string };

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: DialectName;
  /** Present on PostgreSQL: a connection string for LISTEN clients. */
  postgres?: { url: string; schema?: string };
  close(): Promise<void>;
}

// int8 (bigint) columns hold epoch milliseconds and counts, always below 2^53.
pg.types.setTypeParser(20, (value) => Number(value));

export function openDatabase(target: DatabaseTarget): DatabaseHandle {
  return target.kind === 'sqlite' ? openSqlite(target.file) : openPostgres(target);
}

function openSqlite(file: string): DatabaseHandle {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const connection = new BetterSqlite3(file);
  // WAL + synchronous=FULL: a committed transaction is on disk before the commit returns, so an
  // acknowledged write survives kill -9 and power loss (SECURITY.md, reliability promises).
  connection.pragma('journal_mode = WAL');
  connection.pragma('synchronous = FULL');
  connection.pragma('foreign_keys = ON');
  connection.pragma('busy_timeout = 5000');
  // Deleted rows are overwritten, not left readable in free pages.
  connection.pragma('secure_delete = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: connection }) });
  return {
    db,
    dialect: 'sqlite',
    close: () => db.destroy(),
  };
}

function openPostgres(target: { url: string; poolSize?: number; schema?: string }): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: target.url,
    max: target.poolSize ?? 10,
    // Every statement commits durably before it is acknowledged.
    // Short OLTP queries gain nothing from parallel workers, and a parallel worker can fail to
    // resolve a schema created moments before (seen with many schemas on one server).
    options: [
      `-c synchronous_commit=on`,
      `-c max_parallel_workers_per_gather=0`,
      target.schema ? `-c search_path=${target.schema}` : '',
    ]
      .filter(Boolean)
      .join(' '),
  });
  // A dropped idle connection must not crash the process; the pool reconnects on next use.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    postgres: { url: target.url, schema: target.schema },
    close: () => db.destroy(),
  };
}

/** True when the database answers a trivial query. */
export async function isDatabaseReachable(db: Kysely<Database>): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
