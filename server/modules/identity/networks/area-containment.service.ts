import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import {
  isPointInArea,
  isValidLatLon,
  zipAreaReachMeters,
  zipForPoint,
} from '../../../platform/geo/index.ts';
import type { NearestZip } from '../../../platform/geo/index.ts';
import { definitionFromRow } from './area-definition.ts';
import { selectAreasWithBoxAround } from './area.repository.ts';
import type { AreasTable } from './network.tables.ts';

export interface ContainingArea {
  id: string;
  name: string;
  kind: AreasTable['kind'];
}

/**
 * The network's areas that contain the point, by name. The bounding-box columns narrow the
 * candidates in SQL; the exact test (polygon with holes, circle distance, nearest ZIP centroid)
 * runs here. An invalid coordinate is in no area.
 */
export async function findAreasContainingPoint(
  db: Kysely<Database>,
  networkId: string,
  lat: number,
  lon: number,
): Promise<ContainingArea[]> {
  const point = { lat, lon };
  if (!isValidLatLon(point)) return [];
  const candidates = await selectAreasWithBoxAround(db, networkId, lat, lon);
  let nearest: NearestZip | null | undefined;
  const nearestZip = () =>
    nearest === undefined ? (nearest = zipForPoint(lat, lon, zipAreaReachMeters)) : nearest;
  return candidates.flatMap((row) => {
    const definition = definitionFromRow(row);
    const isInside = definition !== null && isPointInArea(definition, point, nearestZip);
    return isInside ? [{ id: row.id, name: row.name, kind: row.kind }] : [];
  });
}
