import { spawn } from 'node:child_process';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import type { DatabaseTarget } from '../database/database.ts';
import { BackupError } from './backup-error.ts';

/** The file a snapshot is written to inside the archive. */
export function snapshotFileName(target: DatabaseTarget): string {
  return target.kind === 'sqlite' ? 'amparo.sqlite' : 'database.pgdump';
}

/**
 * A consistent copy of a live database: SQLite's online backup API (better-sqlite3 `.backup()`,
 * page by page while the server keeps writing), or `pg_dump` (one repeatable-read snapshot).
 */
export async function snapshotDatabase(target: DatabaseTarget, directory: string): Promise<string> {
  const file = path.join(directory, snapshotFileName(target));
  if (target.kind === 'sqlite') {
    const source = new BetterSqlite3(target.file, { readonly: true, fileMustExist: true });
    try {
      await source.backup(file);
    } finally {
      source.close();
    }
    return file;
  }
  const schema = target.schema ?? 'public';
  await run('pg_dump', [
    '--format=custom',
    '--no-owner',
    '--no-privileges',
    `--schema=${schema}`,
    `--file=${file}`,
    `--dbname=${target.url}`,
  ]);
  return file;
}

/** Whether the target holds no Amparo data: SQLite file absent, or a PostgreSQL schema without tables. */
export async function isDatabaseEmpty(
  target: DatabaseTarget,
  fileExists: (file: string) => boolean,
): Promise<boolean> {
  if (target.kind === 'sqlite') return !fileExists(target.file);
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    const result = await client.query<{ count: string }>(
      'select count(*) as count from information_schema.tables where table_schema = $1',
      [target.schema ?? 'public'],
    );
    return Number(result.rows[0]?.count ?? 0) === 0;
  } finally {
    await client.end();
  }
}

/** Loads a PostgreSQL snapshot in one transaction: a failure leaves the schema as empty as it was. */
export async function restorePostgres(
  target: DatabaseTarget & { kind: 'postgres' },
  file: string,
): Promise<void> {
  const schema = target.schema ?? 'public';
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    await client.query(`create schema if not exists "${schema.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
  await run('pg_restore', [
    '--no-owner',
    '--no-privileges',
    '--exit-on-error',
    '--single-transaction',
    `--schema=${schema}`,
    `--dbname=${target.url}`,
    file,
  ]);
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let errors = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (errors.length < 4000) errors += chunk;
    });
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        new BackupError(
          error.code === 'ENOENT'
            ? `${command} is not installed: install the PostgreSQL client tools matching the server's version.`
            : `${command} failed to start: ${error.message}`,
        ),
      ),
    );
    child.on('close', (code) => {
      if (code === 0) resolve();
      // The message may quote the connection string: keep only the tool's complaint, minus any URL.
      else
        reject(
          new BackupError(`${command} failed: ${errors.replace(/postgres(ql)?:\/\/\S+/g, '<url>').trim()}`),
        );
    });
  });
}
