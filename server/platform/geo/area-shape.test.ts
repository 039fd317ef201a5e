import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPointInArea, isPointInGeometry, shapeArea, zipAreaReachMeters } from './area-shape.ts';
import type { AreaDefinition } from './area-shape.ts';
import { boundingBoxAround, isPointInBoundingBox } from './bounding-box.ts';
import { circlePolygon } from './circle.ts';
import { distanceMeters, earthRadiusMeters } from './distance.ts';
import type { LatLon } from './distance.ts';
import type { PolygonGeometry } from './geojson.ts';
import { lookupZip, zipForPoint } from './zip-index.ts';

/** A 10 x 10 degree square with a 2 x 2 hole in its middle. */
const squareWithHole: PolygonGeometry = {
  type: 'Polygon',
  coordinates: [
    [
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
      [0, 0],
    ],
    [
      [4, 4],
      [6, 4],
      [6, 6],
      [4, 6],
      [4, 4],
    ],
  ],
};

const pilsen = { lat: 41.8564, lon: -87.6604 };

describe('isPointInGeometry', () => {
  it('is true inside the outer ring, false in the hole and outside', () => {
    expect(isPointInGeometry(squareWithHole, { lat: 2, lon: 2 })).toBe(true);
    expect(isPointInGeometry(squareWithHole, { lat: 5, lon: 5 })).toBe(false);
    expect(isPointInGeometry(squareWithHole, { lat: 11, lon: 5 })).toBe(false);
    expect(isPointInGeometry(squareWithHole, { lat: 5, lon: -0.001 })).toBe(false);
  });

  it('counts the boundary as inside', () => {
    expect(isPointInGeometry(squareWithHole, { lat: 0, lon: 5 })).toBe(true);
  });

  it('is false for coordinates that are not on Earth', () => {
    expect(isPointInGeometry(squareWithHole, { lat: NaN, lon: 2 })).toBe(false);
    expect(isPointInGeometry(squareWithHole, { lat: 2, lon: 200 })).toBe(false);
  });

  it('handles every polygon of a MultiPolygon', () => {
    const multi = {
      type: 'MultiPolygon' as const,
      coordinates: [squareWithHole.coordinates, circlePolygon({ lat: 40, lon: 40 }, 1000).coordinates],
    };
    expect(isPointInGeometry(multi, { lat: 40, lon: 40 })).toBe(true);
    expect(isPointInGeometry(multi, { lat: 1, lon: 1 })).toBe(true);
    expect(isPointInGeometry(multi, { lat: 20, lon: 20 })).toBe(false);
  });
});

describe('circle areas', () => {
  const circle: AreaDefinition = { kind: 'circle', center: pilsen, radiusMeters: 2000 };

  it('contain their centre and points up to the radius, not a far point', () => {
    expect(isPointInArea(circle, pilsen)).toBe(true);
    expect(isPointInArea(circle, { lat: pilsen.lat + 0.017, lon: pilsen.lon })).toBe(true); // ~1.9 km north
    expect(isPointInArea(circle, { lat: pilsen.lat + 0.019, lon: pilsen.lon })).toBe(false); // ~2.1 km north
    expect(isPointInArea(circle, { lat: 40.7128, lon: -74.006 })).toBe(false); // New York
  });

  it('draw a closed 64-sided polygon that contains the centre', () => {
    const { geometry } = shapeArea(circle);
    expect(geometry.type).toBe('Polygon');
    const ring = (geometry as PolygonGeometry).coordinates[0]!;
    expect(ring).toHaveLength(65);
    expect(ring[0]).toEqual(ring[64]);
    expect(isPointInGeometry(geometry, pilsen)).toBe(true);
    for (const [lon, lat] of ring) expect(distanceMeters(pilsen, { lat, lon })).toBeCloseTo(2000, -1);
  });

  it('have a bounding box holding every point of the circle, edge included (property)', () => {
    const world = fc.record({
      lat: fc.double({ min: -89, max: 89, noNaN: true }),
      lon: fc.double({ min: -179.5, max: 179.5, noNaN: true }),
      radiusMeters: fc.double({ min: 10, max: 100_000, noNaN: true }),
      bearing: fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
      fraction: fc.oneof(fc.constant(0.99999), fc.double({ min: 0, max: 0.99999, noNaN: true })),
    });
    fc.assert(
      fc.property(world, ({ lat, lon, radiusMeters, bearing, fraction }) => {
        const definition: AreaDefinition = { kind: 'circle', center: { lat, lon }, radiusMeters };
        const point = destination({ lat, lon }, bearing, radiusMeters * fraction);
        expect(isPointInArea(definition, point)).toBe(true);
        expect(isPointInBoundingBox(shapeArea(definition).boundingBox, point)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

/** The point `meters` away from `from` on the great circle leaving at `bearing` (radians from north). */
function destination(from: LatLon, bearing: number, meters: number): LatLon {
  const angular = meters / earthRadiusMeters;
  const lat1 = (from.lat * Math.PI) / 180;
  const lon1 = (from.lon * Math.PI) / 180;
  const lat2 = Math.asin(
    Math.sin(lat1) * Math.cos(angular) + Math.cos(lat1) * Math.sin(angular) * Math.cos(bearing),
  );
  const lon2 =
    lon1 +
    Math.atan2(
      Math.sin(bearing) * Math.sin(angular) * Math.cos(lat1),
      Math.cos(angular) - Math.sin(lat1) * Math.sin(lat2),
    );
  const lon = (((((lon2 * 180) / Math.PI + 540) % 360) + 360) % 360) - 180;
  return { lat: (lat2 * 180) / Math.PI, lon };
}

describe('boundingBoxAround', () => {
  it('widens to all longitudes near a pole and across the antimeridian', () => {
    expect(boundingBoxAround({ lat: 89.9, lon: 0 }, 50_000)).toMatchObject({
      minLon: -180,
      maxLon: 180,
      maxLat: 90,
    });
    expect(boundingBoxAround({ lat: 0, lon: 179.99 }, 10_000)).toMatchObject({ minLon: -180, maxLon: 180 });
  });
});

describe('ZIP index', () => {
  it('finds 60608 in Chicago and nothing for unknown or malformed codes', () => {
    const zip = lookupZip('60608');
    expect(zip).toMatchObject({ zip: '60608' });
    expect(distanceMeters(zip!, pilsen)).toBeLessThan(3000);
    expect(lookupZip('00000')).toBeNull();
    expect(lookupZip('6060')).toBeNull();
    expect(lookupZip('__proto__')).toBeNull();
    expect(lookupZip('constructor')).toBeNull();
    expect(lookupZip('K1A')).toBeNull(); // Canadian prefixes are in the package but are not US ZIPs
  });

  it('drops military ZIPs, which have no place on a map', () => {
    expect(lookupZip('34001')).toBeNull();
  });

  it('gives the nearest centroid for a point, within an optional distance', () => {
    expect(zipForPoint(41.8515, -87.6694)?.zip).toBe('60608');
    expect(zipForPoint(40.7484, -73.9967)?.zip).toBe('10001');
    expect(zipForPoint(0, 0, 50_000)).toBeNull(); // Null Island: no US ZIP anywhere near
    expect(zipForPoint(NaN, 0)).toBeNull();
  });

  it('returns the true nearest centroid (checked against a brute-force scan)', () => {
    const candidates = ['60608', '60616', '60623', '60607', '60612', '60609'].map((zip) => lookupZip(zip)!);
    fc.assert(
      fc.property(
        fc.double({ min: 41.83, max: 41.87, noNaN: true }),
        fc.double({ min: -87.69, max: -87.64, noNaN: true }),
        (lat, lon) => {
          const found = zipForPoint(lat, lon)!;
          const nearestCandidate = Math.min(...candidates.map((zip) => distanceMeters({ lat, lon }, zip)));
          expect(found.distanceMeters).toBeLessThanOrEqual(nearestCandidate + 1e-6);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('ZIP-list areas', () => {
  const pilsenZips: AreaDefinition = { kind: 'zips', zips: ['60608'] };

  it('contain points whose nearest centroid is listed, not those nearer another ZIP', () => {
    const centroid = lookupZip('60608')!;
    expect(isPointInArea(pilsenZips, centroid)).toBe(true);
    const loop = lookupZip('60603')!;
    expect(isPointInArea(pilsenZips, loop)).toBe(false);
  });

  it(`contain nothing farther than ${zipAreaReachMeters / 1000} km from a listed centroid`, () => {
    // American Samoa has one ZIP: open sea to its west is nearest to it, but out of reach.
    const remote: AreaDefinition = { kind: 'zips', zips: ['96799'] }; // Pago Pago
    expect(isPointInArea(remote, lookupZip('96799')!)).toBe(true);
    expect(isPointInArea(remote, { lat: -14.27, lon: -171.2 })).toBe(false); // ~54 km west, open sea
  });

  it('draw one small dot per ZIP and a box reaching every point they contain', () => {
    const definition: AreaDefinition = { kind: 'zips', zips: ['60608', '60623'] };
    const { geometry, boundingBox } = shapeArea(definition);
    expect(geometry.type).toBe('MultiPolygon');
    expect(geometry.coordinates).toHaveLength(2);
    for (const zip of definition.zips) {
      const centroid = lookupZip(zip)!;
      expect(isPointInBoundingBox(boundingBox, { lat: centroid.lat + 0.13, lon: centroid.lon })).toBe(true);
    }
  });

  it('refuse to draw an unknown ZIP', () => {
    expect(() => shapeArea({ kind: 'zips', zips: ['00000'] })).toThrow(/unknown ZIP/);
  });
});

describe('polygon areas', () => {
  it('use the polygon as given, holes included', () => {
    const definition: AreaDefinition = { kind: 'polygon', geojson: squareWithHole };
    expect(shapeArea(definition)).toEqual({
      geometry: squareWithHole,
      boundingBox: { minLat: 0, minLon: 0, maxLat: 10, maxLon: 10 },
    });
    expect(isPointInArea(definition, { lat: 1, lon: 1 })).toBe(true);
    expect(isPointInArea(definition, { lat: 5, lon: 5 })).toBe(false);
  });
});
