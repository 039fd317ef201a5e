import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/schema.ts';

/** Every network's settings column, oldest network first (read for the hotline numbers only). */
export async function listNetworkSettingsRows(
  db: Kysely<Database>,
): Promise<{ id: string; settings: string }[]> {
  return db.selectFrom('networks').select(['id', 'settings']).orderBy('created_at').orderBy('id').execute();
}
