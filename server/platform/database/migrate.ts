import { Migrator } from 'kysely';
import type { MigrationResultSet } from 'kysely';
import { migrations } from '../../migrations/index.ts';
import type { DatabaseHandle } from './database.ts';

function createMigrator(handle: Pick<DatabaseHandle, 'db' | 'postgres'>): Migrator {
  return new Migrator({
    db: handle.db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    // Kysely otherwise looks for its bookkeeping tables in every schema of the database, so two
    // deployments (or test runs) in different schemas of one server would confuse each other.
    ...(handle.postgres ? { migrationTableSchema: handle.postgres.schema ?? 'public' } : {}),
  });
}

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(handle: Pick<DatabaseHandle, 'db' | 'postgres'>): Promise<string[]> {
  let result: MigrationResultSet = await createMigrator(handle).migrateToLatest();
  // Kysely's introspection reads the catalog of every schema; a schema dropped by someone else at
  // that moment (another deployment or test run on the same server) fails it with 3F000. The
  // migration itself is idempotent, so try again a few times.
  for (let attempt = 1; attempt < 4 && isConcurrentSchemaDrop(result.error); attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    result = await createMigrator(handle).migrateToLatest();
  }
  if (result.error) {
    const failed = result.results?.find((entry) => entry.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed`, { cause: result.error });
  }
  return (result.results ?? []).map((entry) => entry.migrationName);
}

/** Names of migrations known to the code but not yet applied to this database. */
export async function pendingMigrations(handle: Pick<DatabaseHandle, 'db' | 'postgres'>): Promise<string[]> {
  const all = await createMigrator(handle).getMigrations();
  return all.filter((migration) => migration.executedAt === undefined).map((migration) => migration.name);
}

function isConcurrentSchemaDrop(error: unknown): boolean {
  return (error as { code?: unknown } | undefined)?.code === '3F000';
}
