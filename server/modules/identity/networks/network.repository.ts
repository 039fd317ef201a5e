import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import type { NetworksTable } from './network.tables.ts';

export async function insertNetwork(trx: Kysely<Database>, row: NetworksTable): Promise<void> {
  await trx.insertInto('networks').values(row).execute();
}

export async function selectNetworkById(
  db: Kysely<Database>,
  id: string,
): Promise<NetworksTable | undefined> {
  return db.selectFrom('networks').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function selectNetworkBySlug(
  db: Kysely<Database>,
  slug: string,
): Promise<NetworksTable | undefined> {
  return db.selectFrom('networks').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function selectNetworkSettings(db: Kysely<Database>, id: string): Promise<string | undefined> {
  const row = await db.selectFrom('networks').select('settings').where('id', '=', id).executeTakeFirst();
  return row?.settings;
}

export async function updateNetworkRow(
  trx: Kysely<Database>,
  id: string,
  changes: Partial<Pick<NetworksTable, 'name' | 'timezone' | 'languages' | 'settings'>>,
): Promise<void> {
  await trx.updateTable('networks').set(changes).where('id', '=', id).execute();
}
