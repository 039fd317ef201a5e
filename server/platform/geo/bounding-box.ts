import { earthRadiusMeters } from './distance.ts';
import type { LatLon } from './distance.ts';
import type { AreaGeometry } from './geojson.ts';

export interface BoundingBox {
  minLat: number;
  minLon: number;
  maxLat: number;
  maxLon: number;
}

export function boundingBoxOfGeometry(geometry: AreaGeometry): BoundingBox {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const box = { minLat: Infinity, minLon: Infinity, maxLat: -Infinity, maxLon: -Infinity };
  for (const polygon of polygons) {
    // Holes lie inside the outer ring, so the outer ring alone bounds the polygon.
    for (const [lon, lat] of polygon[0] ?? []) {
      box.minLat = Math.min(box.minLat, lat);
      box.maxLat = Math.max(box.maxLat, lat);
      box.minLon = Math.min(box.minLon, lon);
      box.maxLon = Math.max(box.maxLon, lon);
    }
  }
  return box;
}

/**
 * A box that surely contains every point within `radiusMeters` of `center` (great-circle), padded
 * slightly against rounding. Near a pole, or across the antimeridian, it widens to all longitudes.
 */
export function boundingBoxAround(center: LatLon, radiusMeters: number): BoundingBox {
  const angular = radiusMeters / earthRadiusMeters;
  const padding = 1.001;
  const deltaLat = ((angular * 180) / Math.PI) * padding;
  const minLat = Math.max(-90, center.lat - deltaLat);
  const maxLat = Math.min(90, center.lat + deltaLat);
  const latRadians = (center.lat * Math.PI) / 180;
  const sinRatio = Math.sin(angular) / Math.cos(latRadians);
  if (minLat <= -90 || maxLat >= 90 || !(sinRatio < 1)) return { minLat, maxLat, minLon: -180, maxLon: 180 };
  const deltaLon = ((Math.asin(sinRatio) * 180) / Math.PI) * padding;
  const minLon = center.lon - deltaLon;
  const maxLon = center.lon + deltaLon;
  if (minLon < -180 || maxLon > 180) return { minLat, maxLat, minLon: -180, maxLon: 180 };
  return { minLat, maxLat, minLon, maxLon };
}

export function mergeBoundingBoxes(boxes: readonly BoundingBox[]): BoundingBox {
  return {
    minLat: Math.min(...boxes.map((box) => box.minLat)),
    minLon: Math.min(...boxes.map((box) => box.minLon)),
    maxLat: Math.max(...boxes.map((box) => box.maxLat)),
    maxLon: Math.max(...boxes.map((box) => box.maxLon)),
  };
}

export function isPointInBoundingBox(box: BoundingBox, point: LatLon): boolean {
  return (
    point.lat >= box.minLat && point.lat <= box.maxLat && point.lon >= box.minLon && point.lon <= box.maxLon
  );
}
