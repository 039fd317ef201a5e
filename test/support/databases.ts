import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe } from 'vitest';
import pg from 'pg';
import { openDatabase } from '../../server/platform/database/database.ts';
import type { DatabaseHandle, DatabaseTarget, DialectName } from '../../server/platform/database/database.ts';
import { migrateToLatest } from '../../server/platform/database/migrate.ts';

/**
 * Integration tests run the same body against real SQLite and, when AMPARO_TEST_DATABASE_URL
 * points at a PostgreSQL server, real PostgreSQL. Each test database is new: a temporary SQLite
 * file, or a fresh PostgreSQL schema dropped afterwards, so no run depends on another's data.
 */
export const postgresTestUrl = process.env.AMPARO_TEST_DATABASE_URL?.trim() || undefined;

export const testDialects: DialectName[] = postgresTestUrl ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestDatabase extends DatabaseHandle {
  target: DatabaseTarget;
  /** Closes the handle and deletes the data (file or schema). */
  destroy(): Promise<void>;
}

export async function createTestDatabase(
  dialect: DialectName,
  options: { migrate?: boolean } = {},
): Promise<TestDatabase> {
  const target = await createTarget(dialect);
  const handle = openDatabase(target);
  if (options.migrate !== false) await migrateToLatest(handle);
  return {
    ...handle,
    target,
    destroy: async () => {
      await handle.close().catch(() => undefined);
      await dropTarget(target);
    },
  };
}

/** Creates a place for a database without opening it (for tests that spawn servers). */
export async function createTarget(dialect: DialectName): Promise<DatabaseTarget> {
  if (dialect === 'sqlite') {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-test-'));
    return { kind: 'sqlite', file: path.join(directory, 'amparo.sqlite') };
  }
  if (!postgresTestUrl) throw new Error('AMPARO_TEST_DATABASE_URL is not set');
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: postgresTestUrl });
  await client.connect();
  try {
    await client.query(`create schema ${schema}`);
  } finally {
    await client.end();
  }
  return { kind: 'postgres', url: postgresTestUrl, schema, poolSize: 5 };
}

export async function dropTarget(target: DatabaseTarget): Promise<void> {
  if (target.kind === 'sqlite') {
    fs.rmSync(path.dirname(target.file), { recursive: true, force: true });
    return;
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${target.schema} cascade`);
  } finally {
    await client.end();
  }
}

/**
 * Environment variables that point a child server process at a test database, with its keys in
 * the test's config home (test/support/key-home.ts), outside the data directory.
 */
export function environmentFor(target: DatabaseTarget, dataDirectory: string): Record<string, string> {
  const keys = { XDG_CONFIG_HOME: process.env.XDG_CONFIG_HOME ?? os.tmpdir() };
  if (target.kind === 'sqlite') return { ...keys, AMPARO_DATA_DIR: path.dirname(target.file) };
  return {
    ...keys,
    AMPARO_DATA_DIR: dataDirectory,
    DATABASE_URL: target.url,
    AMPARO_DATABASE_SCHEMA: target.schema ?? 'public',
  };
}

/** `describe` once per available dialect, with the dialect name in the title. */
export function describeEachDatabase(title: string, body: (dialect: DialectName) => void): void {
  for (const dialect of testDialects) {
    describe(`${title} [${dialect}]`, () => body(dialect));
  }
}
