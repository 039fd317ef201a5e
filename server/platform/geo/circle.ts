import { circle } from '@turf/circle';
import type { LatLon } from './distance.ts';
import type { PolygonGeometry } from './geojson.ts';

export const circleSteps = 64;

/** A 64-sided polygon inscribed in the circle, for maps; containment uses the exact distance. */
export function circlePolygon(center: LatLon, radiusMeters: number, steps = circleSteps): PolygonGeometry {
  const feature = circle([center.lon, center.lat], radiusMeters / 1000, { steps, units: 'kilometers' });
  return {
    type: 'Polygon',
    coordinates: feature.geometry.coordinates.map((ring) =>
      ring.map(([lon, lat]) => [lon!, lat!] as [number, number]),
    ),
  };
}
