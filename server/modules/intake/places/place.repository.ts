import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import type { GazetteerPlacesTable, GazetteerStreetsTable } from './place.tables.ts';

/** Rows per INSERT: well under SQLite's and PostgreSQL's bound-parameter limits. */
const insertBatch = 200;

export async function selectPlaces(db: Kysely<Database>, networkId: string): Promise<GazetteerPlacesTable[]> {
  return db
    .selectFrom('gazetteer_places')
    .selectAll()
    .where('network_id', '=', networkId)
    .orderBy('name')
    .execute();
}

export async function selectStreets(
  db: Kysely<Database>,
  networkId: string,
): Promise<GazetteerStreetsTable[]> {
  return db.selectFrom('gazetteer_streets').selectAll().where('network_id', '=', networkId).execute();
}

export async function countStreets(
  db: Kysely<Database>,
  networkId: string,
): Promise<{ pieces: number; names: number }> {
  const row = await db
    .selectFrom('gazetteer_streets')
    .select((eb) => [
      eb.fn.countAll<number | string>().as('pieces'),
      eb.fn.count<number | string>('name_key').distinct().as('names'),
    ])
    .where('network_id', '=', networkId)
    .executeTakeFirst();
  return { pieces: Number(row?.pieces ?? 0), names: Number(row?.names ?? 0) };
}

/** Replaces the network's whole list of places, inside the caller's transaction. */
export async function replacePlaces(
  trx: Kysely<Database>,
  networkId: string,
  rows: readonly GazetteerPlacesTable[],
): Promise<void> {
  await trx.deleteFrom('gazetteer_places').where('network_id', '=', networkId).execute();
  for (let start = 0; start < rows.length; start += insertBatch) {
    await trx
      .insertInto('gazetteer_places')
      .values(rows.slice(start, start + insertBatch))
      .execute();
  }
}

/** Replaces the network's whole street list, inside the caller's transaction. */
export async function replaceStreets(
  trx: Kysely<Database>,
  networkId: string,
  rows: readonly GazetteerStreetsTable[],
): Promise<void> {
  await trx.deleteFrom('gazetteer_streets').where('network_id', '=', networkId).execute();
  for (let start = 0; start < rows.length; start += insertBatch) {
    await trx
      .insertInto('gazetteer_streets')
      .values(rows.slice(start, start + insertBatch))
      .execute();
  }
}

/** The distinct street keys of a network (a few thousand at most), for typo-tolerant matching. */
export async function selectStreetKeys(db: Kysely<Database>, networkId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('gazetteer_streets')
    .select('name_key')
    .distinct()
    .where('network_id', '=', networkId)
    .execute();
  return rows.map((row) => row.name_key);
}

export async function selectStreetsByKeys(
  db: Kysely<Database>,
  networkId: string,
  keys: readonly string[],
): Promise<GazetteerStreetsTable[]> {
  if (keys.length === 0) return [];
  return db
    .selectFrom('gazetteer_streets')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('name_key', 'in', keys)
    .execute();
}
