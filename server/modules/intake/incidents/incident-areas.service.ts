import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import { findAreaBoxes, findAreasContainingPoint } from '../../identity/index.ts';
import type { BoundingBox, Point } from './clustering.ts';

/** Ids of the network's areas that contain the point (the networks module's exact test). */
export async function findAreaIdsContaining(
  db: Kysely<Database>,
  networkId: string,
  point: Point,
): Promise<string[]> {
  const areas = await findAreasContainingPoint(db, networkId, point.lat, point.lon);
  return areas.map((area) => area.id);
}

/** Ids of the network's areas containing the incident's coarse point (none without a point). */
export async function areaIdsOfIncident(
  db: Kysely<Database>,
  incident: { network_id: string; lat: number | null; lon: number | null },
): Promise<string[]> {
  if (incident.lat === null || incident.lon === null) return [];
  return findAreaIdsContaining(db, incident.network_id, { lat: incident.lat, lon: incident.lon });
}

/** Bounding boxes of some of the network's areas, to narrow queries before the exact test. */
export function loadAreaBoxes(
  db: Kysely<Database>,
  networkId: string,
  areaIds: readonly string[],
): Promise<BoundingBox[]> {
  return findAreaBoxes(db, networkId, areaIds);
}

export function isInBox(box: BoundingBox, point: Point): boolean {
  return (
    point.lat >= box.minLat && point.lat <= box.maxLat && point.lon >= box.minLon && point.lon <= box.maxLon
  );
}
