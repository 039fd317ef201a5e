import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DialectName } from '../../../platform/database/database.ts';
import type { Database } from '../../../platform/database/schema.ts';
import type { BoundingBox } from '../../../platform/geo/index.ts';

/*
 * Narrow reads of the networks and areas tables for other modules (exported through index.ts),
 * so no other module names `networks` or `areas` in its own SQL (docs/adr/0013).
 */

/** Whether any network exists (first-run setup). */
export async function hasAnyNetwork(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('networks').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Every network's id, in id order (per-network retention runs). */
export async function listNetworkIds(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('networks').select('id').orderBy('id').execute();
  return rows.map((row) => row.id);
}

/** Every network's settings column, oldest network first. */
export async function listNetworkSettingsRows(
  db: Kysely<Database>,
): Promise<{ id: string; settings: string }[]> {
  return db.selectFrom('networks').select(['id', 'settings']).orderBy('created_at').orderBy('id').execute();
}

/** The network's display name, or null for an unknown id. */
export async function findNetworkName(db: Kysely<Database>, networkId: string): Promise<string | null> {
  const row = await db.selectFrom('networks').select('name').where('id', '=', networkId).executeTakeFirst();
  return row?.name ?? null;
}

/** Public names of networks, as a query (columns `id`, `slug`, `name`) another module joins. */
export function networkNames(db: Kysely<Database>) {
  return db.selectFrom('networks').select(['networks.id', 'networks.slug', 'networks.name']);
}

/**
 * Serializes a per-network decision (e.g. a cap check) until the caller's transaction commits:
 * PostgreSQL locks the network row; SQLite has one writer, and the first write of the transaction
 * takes that lock.
 */
export async function lockNetworkRow(
  trx: Kysely<Database>,
  dialect: DialectName,
  networkId: string,
): Promise<void> {
  if (dialect === 'postgres') {
    await sql`select id from networks where id = ${networkId} for update`.execute(trx);
  } else {
    await sql`update networks set id = id where id = ${networkId}`.execute(trx);
  }
}

/** The subset of `areaIds` that are areas of this network. */
export async function findAreaIdsInNetwork(
  db: Kysely<Database>,
  networkId: string,
  areaIds: readonly string[],
): Promise<Set<string>> {
  if (areaIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('areas')
    .select('id')
    .where('network_id', '=', networkId)
    .where('id', 'in', areaIds)
    .execute();
  return new Set(rows.map((row) => row.id));
}

/** Bounding boxes of some of the network's areas, to narrow a search before the exact test. */
export async function findAreaBoxes(
  db: Kysely<Database>,
  networkId: string,
  areaIds: readonly string[],
): Promise<BoundingBox[]> {
  if (areaIds.length === 0) return [];
  const rows = await db
    .selectFrom('areas')
    .select(['min_lat', 'min_lon', 'max_lat', 'max_lon'])
    .where('network_id', '=', networkId)
    .where('id', 'in', areaIds)
    .execute();
  return rows.map((row) => ({
    minLat: row.min_lat,
    minLon: row.min_lon,
    maxLat: row.max_lat,
    maxLon: row.max_lon,
  }));
}

/** The network's areas by name (ids and names only), for screens that list coverage per area. */
export async function listAreaNames(
  db: Kysely<Database>,
  networkId: string,
): Promise<{ id: string; name: string }[]> {
  return db
    .selectFrom('areas')
    .select(['id', 'name'])
    .where('network_id', '=', networkId)
    .orderBy('name')
    .execute();
}
