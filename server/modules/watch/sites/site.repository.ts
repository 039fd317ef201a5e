import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import type { WatchSitesTable } from './site.tables.ts';

export async function insertSite(db: Kysely<Database>, row: WatchSitesTable): Promise<void> {
  await db.insertInto('watch_sites').values(row).execute();
}

export async function updateSite(
  db: Kysely<Database>,
  id: string,
  values: Pick<WatchSitesTable, 'area_id' | 'kind' | 'name' | 'details_enc' | 'updated_at'>,
): Promise<void> {
  await db.updateTable('watch_sites').set(values).where('id', '=', id).execute();
}

export async function findSite(db: Kysely<Database>, id: string): Promise<WatchSitesTable | undefined> {
  return db.selectFrom('watch_sites').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The network's sites, limited to `areaIds` unless 'all'. */
export async function listSites(
  db: Kysely<Database>,
  networkId: string,
  areaIds: 'all' | readonly string[],
): Promise<WatchSitesTable[]> {
  if (areaIds !== 'all' && areaIds.length === 0) return [];
  let query = db.selectFrom('watch_sites').selectAll().where('network_id', '=', networkId);
  if (areaIds !== 'all') query = query.where('area_id', 'in', [...areaIds]);
  return query.orderBy('name').orderBy('id').execute();
}
