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
  const result: MigrationResultSet = await createMigrator(handle).migrateToLatest();
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
