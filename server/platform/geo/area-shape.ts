import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { boundingBoxAround, boundingBoxOfGeometry, mergeBoundingBoxes } from './bounding-box.ts';
import type { BoundingBox } from './bounding-box.ts';
import { circlePolygon } from './circle.ts';
import { distanceMeters, isValidLatLon } from './distance.ts';
import type { LatLon } from './distance.ts';
import type { AreaGeometry, LinearRing } from './geojson.ts';
import { lookupZip, zipForPoint } from './zip-index.ts';
import type { NearestZip } from './zip-index.ts';

/** What an admin entered for an area. */
export type AreaDefinition =
  | { kind: 'polygon'; geojson: AreaGeometry }
  | { kind: 'zips'; zips: string[] }
  | { kind: 'circle'; center: LatLon; radiusMeters: number };

/**
 * ZIP areas approximate ZIP boundaries (which are not shipped) by Voronoi cells of the ZIP
 * centroids: a point belongs to a ZIP-list area when the ZIP centroid nearest to it is in the list.
 * Rural ZIPs are large and a cell can reach far out to sea or across a border, so the point must
 * also lie within this distance of that centroid.
 */
export const zipAreaReachMeters = 15_000;

/** Radius of the dot drawn on the map for each ZIP: display only, never used for containment. */
export const zipMarkerRadiusMeters = 1_000;
const zipMarkerSteps = 16;

export interface AreaShape {
  /** GeoJSON for display: the polygon as given, the circle as a 64-gon, a dot per ZIP centroid. */
  geometry: AreaGeometry;
  /** Surely contains every point of the area; the SQL prefilter of containment queries. */
  boundingBox: BoundingBox;
}

/** Display geometry and prefilter box for a definition. Throws if a ZIP is unknown (check first). */
export function shapeArea(definition: AreaDefinition): AreaShape {
  switch (definition.kind) {
    case 'polygon':
      return { geometry: definition.geojson, boundingBox: boundingBoxOfGeometry(definition.geojson) };
    case 'circle':
      return {
        geometry: circlePolygon(definition.center, definition.radiusMeters),
        boundingBox: boundingBoxAround(definition.center, definition.radiusMeters),
      };
    case 'zips': {
      const centroids = definition.zips.map((zip) => {
        const centroid = lookupZip(zip);
        if (!centroid) throw new Error(`unknown ZIP ${zip}`);
        return centroid;
      });
      const markers: LinearRing[][] = centroids.map(
        (centroid) => circlePolygon(centroid, zipMarkerRadiusMeters, zipMarkerSteps).coordinates,
      );
      return {
        geometry: { type: 'MultiPolygon', coordinates: markers },
        boundingBox: mergeBoundingBoxes(
          centroids.map((centroid) => boundingBoxAround(centroid, zipAreaReachMeters)),
        ),
      };
    }
  }
}

/** Whether the point lies in the polygon or multipolygon; holes excluded, the boundary included. */
export function isPointInGeometry(geometry: AreaGeometry, point: LatLon): boolean {
  if (!isValidLatLon(point)) return false;
  return booleanPointInPolygon([point.lon, point.lat], geometry);
}

/**
 * Whether the point belongs to the area as the admin defined it (see zipAreaReachMeters). When
 * testing many areas against one point, pass `nearestZip` (from zipForPoint with
 * zipAreaReachMeters) to look it up once.
 */
export function isPointInArea(
  definition: AreaDefinition,
  point: LatLon,
  nearestZip?: () => NearestZip | null,
): boolean {
  if (!isValidLatLon(point)) return false;
  switch (definition.kind) {
    case 'polygon':
      return isPointInGeometry(definition.geojson, point);
    case 'circle':
      return distanceMeters(definition.center, point) <= definition.radiusMeters;
    case 'zips': {
      const nearest = nearestZip ? nearestZip() : zipForPoint(point.lat, point.lon, zipAreaReachMeters);
      return nearest !== null && definition.zips.includes(nearest.zip);
    }
  }
}
