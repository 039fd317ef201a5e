import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.ts';
import {
  badInputWorld,
  checkSurface,
  fieldValue,
  hostileNumber,
  hostileString,
  jsonBody,
  latitude,
  longitude,
  numRunsFor,
  shapedObject,
} from './bad-input.support.ts';
import type { BadInputWorld } from './bad-input.support.ts';

/** Areas: hostile GeoJSON, circles and ZIP lists from an admin get a 201 or a stable 4xx. */
describeEachDatabase('bad input: area GeoJSON, circles and ZIP lists', (dialect) => {
  let world: BadInputWorld;
  beforeAll(async () => {
    world = await badInputWorld(dialect);
  }, 60_000);
  afterAll(() => world.testApp.close());

  it('never answers with a 5xx, a crash or a hang', async () => {
    const position = fc.array(hostileNumber, { minLength: 0, maxLength: 4 });
    const ring = fc.array(fc.oneof(fc.tuple(longitude, latitude), position), { maxLength: 12 });
    const geometry = shapedObject({
      type: fieldValue(
        fc.constantFrom('Polygon', 'MultiPolygon', 'Feature', 'FeatureCollection', 'Point', 'LineString'),
      ),
      coordinates: fieldValue(
        fc.oneof(
          fc.array(ring, { maxLength: 3 }),
          fc.array(fc.array(ring, { maxLength: 2 }), { maxLength: 2 }),
        ),
      ),
      geometry: fieldValue(fc.jsonValue({ maxDepth: 3 })),
      features: fieldValue(fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 3 })),
    });
    const area = fc.oneof(
      shapedObject({
        name: fieldValue(fc.string({ minLength: 1, maxLength: 30 })),
        kind: fc.constant('polygon'),
        geojson: fieldValue(geometry),
      }),
      shapedObject({
        name: fieldValue(fc.string({ minLength: 1, maxLength: 30 })),
        kind: fc.constant('circle'),
        center: fieldValue(shapedObject({ lat: fieldValue(latitude), lon: fieldValue(longitude) })),
        radiusMeters: fieldValue(fc.integer({ min: -10, max: 200_000 })),
      }),
      shapedObject({
        name: fieldValue(fc.string({ minLength: 1, maxLength: 30 })),
        kind: fieldValue(fc.constant('zips')),
        zips: fieldValue(
          fc.array(fc.oneof(fc.constantFrom('60608', '00000', '99999'), hostileString), { maxLength: 8 }),
        ),
      }),
    );
    const valid = fc.oneof(
      fc.record({
        name: fc.string({ minLength: 1, maxLength: 30 }).filter((name) => name.trim() !== ''),
        kind: fc.constant('circle'),
        center: fc.record({ lat: latitude, lon: longitude }),
        radiusMeters: fc.integer({ min: 10, max: 100_000 }),
      }),
      fc.record({
        name: fc.string({ minLength: 1, maxLength: 30 }).filter((name) => name.trim() !== ''),
        kind: fc.constant('polygon'),
        geojson: fc.tuple(latitude, longitude).map(([lat, lon]) => ({
          type: 'Polygon',
          coordinates: [
            [
              [lon, lat],
              [lon + 0.01, lat],
              [lon + 0.01, lat + 0.01],
              [lon, lat],
            ],
          ],
        })),
      }),
    );
    const outcomes = await checkSurface(
      world.testApp,
      numRunsFor(dialect),
      jsonBody(area, valid).map((payload) => ({
        method: 'POST' as const,
        url: '/api/areas',
        headers: { 'content-type': 'application/json', ...world.admin.headers },
        payload,
      })),
    );
    expect(outcomes.get('201')).toBeGreaterThan(0);
    expect(outcomes.get('400 VALIDATION_FAILED')).toBeGreaterThan(0);
  }, 120_000);
});
