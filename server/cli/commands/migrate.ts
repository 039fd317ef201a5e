import { openDatabase } from '../../platform/database/database.ts';
import { migrateToLatest } from '../../platform/database/migrate.ts';
import { writeLine } from '../io.ts';
import type { CliIo } from '../io.ts';
import { loadCliConfig } from '../runtime.ts';

/** `amparo migrate`: applies pending migrations and names each one. */
export async function migrateCommand(io: CliIo): Promise<number> {
  const config = loadCliConfig(io);
  const database = openDatabase(config.database);
  try {
    const applied = await migrateToLatest(database);
    if (applied.length === 0) writeLine(io.stdout, 'The database is up to date.');
    for (const name of applied) writeLine(io.stdout, `applied ${name}`);
    return 0;
  } finally {
    await database.close();
  }
}
