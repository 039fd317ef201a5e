import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/database/schema.ts';
import { findAreasContainingPoint } from '../networks/index.ts';
import type { BoundingBox, Point } from './clustering.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/** Ids of the network's areas that contain the point (the networks module's exact test). */
export async function findAreaIdsContaining(
  db: Executor,
  networkId: string,
  point: Point,
): Promise<string[]> {
  const areas = await findAreasContainingPoint(db, networkId, point.lat, point.lon);
  return areas.map((area) => area.id);
}

/** Bounding boxes of some of the network's areas, to narrow queries before the exact test. */
export async function loadAreaBoxes(
  db: Executor,
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

export function isInBox(box: BoundingBox, point: Point): boolean {
  return (
    point.lat >= box.minLat && point.lat <= box.maxLat && point.lon >= box.minLon && point.lon <= box.maxLon
  );
}
