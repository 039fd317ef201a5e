import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import type { AreasTable } from './network.tables.ts';

export async function insertArea(trx: Kysely<Database>, row: AreasTable): Promise<void> {
  await trx.insertInto('areas').values(row).execute();
}

export async function selectAreasOfNetwork(db: Kysely<Database>, networkId: string): Promise<AreasTable[]> {
  return db
    .selectFrom('areas')
    .selectAll()
    .where('network_id', '=', networkId)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

/** Scoped by network: an area of another network is simply not found. */
export async function selectAreaInNetwork(
  db: Kysely<Database>,
  networkId: string,
  areaId: string,
): Promise<AreasTable | undefined> {
  return db
    .selectFrom('areas')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('id', '=', areaId)
    .executeTakeFirst();
}

export async function selectAreaNamesOfNetwork(
  db: Kysely<Database>,
  networkId: string,
): Promise<{ id: string; name: string }[]> {
  return db.selectFrom('areas').select(['id', 'name']).where('network_id', '=', networkId).execute();
}

/** Areas whose bounding box holds the point: the cheap prefilter before the exact test in code. */
export async function selectAreasWithBoxAround(
  db: Kysely<Database>,
  networkId: string,
  lat: number,
  lon: number,
): Promise<Pick<AreasTable, 'id' | 'name' | 'kind' | 'definition'>[]> {
  return db
    .selectFrom('areas')
    .select(['id', 'name', 'kind', 'definition'])
    .where('network_id', '=', networkId)
    .where('min_lat', '<=', lat)
    .where('max_lat', '>=', lat)
    .where('min_lon', '<=', lon)
    .where('max_lon', '>=', lon)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export async function updateAreaRow(
  trx: Kysely<Database>,
  networkId: string,
  areaId: string,
  changes: Omit<AreasTable, 'id' | 'network_id' | 'created_at'>,
): Promise<void> {
  await trx
    .updateTable('areas')
    .set(changes)
    .where('network_id', '=', networkId)
    .where('id', '=', areaId)
    .execute();
}

export async function deleteAreaRow(trx: Kysely<Database>, networkId: string, areaId: string): Promise<void> {
  await trx.deleteFrom('areas').where('network_id', '=', networkId).where('id', '=', areaId).execute();
}
