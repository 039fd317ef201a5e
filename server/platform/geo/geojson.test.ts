import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GeoJsonValidationError, maxAreaVertices, validateAreaGeometry } from './geojson.ts';

const square = [
  [-87.7, 41.8],
  [-87.6, 41.8],
  [-87.6, 41.9],
  [-87.7, 41.9],
  [-87.7, 41.8],
];

function issuesOf(input: unknown) {
  try {
    validateAreaGeometry(input);
  } catch (error) {
    if (error instanceof GeoJsonValidationError) return error.issues;
    throw error;
  }
  throw new Error('expected a validation error');
}

describe('validateAreaGeometry', () => {
  it('accepts a Polygon and returns a clean copy without foreign members or altitude', () => {
    const input = {
      type: 'Polygon',
      coordinates: [square.map(([lon, lat]) => [lon, lat, 180])],
      crs: 'x',
      __proto__extra: 1,
    };
    expect(validateAreaGeometry(input)).toEqual({ type: 'Polygon', coordinates: [square] });
  });

  it('accepts a MultiPolygon with a hole, and unwraps a Feature', () => {
    const hole = [
      [-87.68, 41.82],
      [-87.62, 41.82],
      [-87.62, 41.88],
      [-87.68, 41.82],
    ];
    const multi = { type: 'MultiPolygon', coordinates: [[square, hole]] };
    expect(validateAreaGeometry(multi)).toEqual(multi);
    expect(validateAreaGeometry({ type: 'Feature', properties: {}, geometry: multi })).toEqual(multi);
  });

  it.each([
    ['null', null, '', 'Expected a GeoJSON object.'],
    ['an array', [1, 2], '', 'Expected a GeoJSON object.'],
    ['a Point', { type: 'Point', coordinates: [0, 0] }, 'type', 'Use a Polygon or a MultiPolygon.'],
    ['a FeatureCollection', { type: 'FeatureCollection', features: [] }, 'type', 'Use a Polygon'],
    ['no rings', { type: 'Polygon', coordinates: [] }, 'coordinates', 'non-empty list of rings'],
    ['a short ring', { type: 'Polygon', coordinates: [square.slice(0, 3)] }, 'coordinates.0', 'at least 4'],
    [
      'an open ring',
      { type: 'Polygon', coordinates: [square.slice(0, 4).concat([[-87.7, 41.85]])] },
      'coordinates.0',
      'not closed',
    ],
    [
      'a flat ring',
      {
        type: 'Polygon',
        coordinates: [
          [
            [1, 1],
            [2, 2],
            [1, 1],
            [1, 1],
          ],
        ],
      },
      'coordinates.0',
      'encloses no area',
    ],
    [
      'a string latitude',
      {
        type: 'Polygon',
        coordinates: [
          [
            [1, 1],
            [2, '2'],
            [2, 3],
            [1, 1],
          ],
        ],
      },
      'coordinates.0.1.1',
      'Latitude',
    ],
    [
      'a latitude of 91',
      {
        type: 'Polygon',
        coordinates: [
          [
            [1, 1],
            [2, 91],
            [2, 3],
            [1, 1],
          ],
        ],
      },
      'coordinates.0.1.1',
      'Latitude',
    ],
    [
      'a longitude of -180.5',
      {
        type: 'Polygon',
        coordinates: [
          [
            [1, 1],
            [-180.5, 2],
            [2, 3],
            [1, 1],
          ],
        ],
      },
      'coordinates.0.1.0',
      'Longitude',
    ],
    [
      'NaN',
      {
        type: 'Polygon',
        coordinates: [
          [
            [1, 1],
            [NaN, 2],
            [2, 3],
            [1, 1],
          ],
        ],
      },
      'coordinates.0.1.0',
      'Longitude',
    ],
    [
      'Infinity',
      {
        type: 'Polygon',
        coordinates: [
          [
            [1, 1],
            [2, Infinity],
            [2, 3],
            [1, 1],
          ],
        ],
      },
      'coordinates.0.1.1',
      'Latitude',
    ],
    [
      'a 4-number position',
      {
        type: 'Polygon',
        coordinates: [
          [
            [1, 1, 0, 0],
            [2, 2],
            [2, 3],
            [1, 1],
          ],
        ],
      },
      'coordinates.0.0',
      '[longitude, latitude]',
    ],
    [
      'an empty MultiPolygon',
      { type: 'MultiPolygon', coordinates: [] },
      'coordinates',
      'non-empty list of polygons',
    ],
    [
      'a Feature without geometry',
      { type: 'Feature', properties: {} },
      'geometry',
      'Expected a GeoJSON object.',
    ],
  ])('rejects %s with a path to the fault', (_name, input, path, message) => {
    const [first] = issuesOf(input);
    expect(first?.path).toBe(path);
    expect(first?.message).toContain(message);
  });

  it('reports each bad ring of a MultiPolygon at its own path', () => {
    const issues = issuesOf({
      type: 'MultiPolygon',
      coordinates: [[square], [square.slice(0, 2)], [[square[0]!]]],
    });
    expect(issues.map((issue) => issue.path)).toEqual(['coordinates.1.0', 'coordinates.2.0']);
  });

  it(`refuses more than ${maxAreaVertices} vertices, and accepts exactly that many`, () => {
    const ringOf = (count: number) => {
      const ring = Array.from({ length: count - 1 }, (_, index) => {
        const angle = (2 * Math.PI * index) / (count - 1);
        return [Math.cos(angle), Math.sin(angle)];
      });
      return [...ring, ring[0]];
    };
    expect(() =>
      validateAreaGeometry({ type: 'Polygon', coordinates: [ringOf(maxAreaVertices)] }),
    ).not.toThrow();
    const issues = issuesOf({ type: 'Polygon', coordinates: [ringOf(maxAreaVertices + 1)] });
    expect(issues[0]).toEqual({ path: 'coordinates', message: `Use at most ${maxAreaVertices} vertices.` });
  });

  it('caps the number of reported issues at 20', () => {
    const ring = Array.from({ length: 200 }, () => ['x', 'y']);
    expect(issuesOf({ type: 'Polygon', coordinates: [ring] })).toHaveLength(20);
  });

  it('never throws anything but a GeoJsonValidationError for arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        try {
          validateAreaGeometry(value);
        } catch (error) {
          expect(error).toBeInstanceOf(GeoJsonValidationError);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('never throws anything but a GeoJsonValidationError for polygon-shaped garbage', () => {
    const number = fc.oneof(
      fc.double(),
      fc.integer(),
      fc.constantFrom(NaN, Infinity, -Infinity, -180, 180, 90, -90, 0),
      fc.string(),
      fc.constant(null),
    );
    const position = fc.oneof(fc.array(number, { maxLength: 4 }), number);
    const ring = fc.oneof(fc.array(position, { maxLength: 8 }), position);
    const polygon = fc.oneof(fc.array(ring, { maxLength: 3 }), ring);
    const geometry = fc.record({
      type: fc.constantFrom('Polygon', 'MultiPolygon', 'Feature', 'Point', 5),
      coordinates: fc.oneof(polygon, fc.array(polygon, { maxLength: 3 })),
    });
    fc.assert(
      fc.property(geometry, (value) => {
        try {
          const valid = validateAreaGeometry(value);
          expect(['Polygon', 'MultiPolygon']).toContain(valid.type);
        } catch (error) {
          expect(error).toBeInstanceOf(GeoJsonValidationError);
          expect((error as GeoJsonValidationError).issues.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts every generated valid polygon unchanged', () => {
    const corner = fc.record({
      lon: fc.double({ min: -179, max: 179, noNaN: true }),
      lat: fc.double({ min: -89, max: 89, noNaN: true }),
      size: fc.double({ min: 0.001, max: 1, noNaN: true }),
    });
    fc.assert(
      fc.property(corner, ({ lon, lat, size }) => {
        const ring = [
          [lon, lat],
          [lon + size, lat],
          [lon + size, lat + size],
          [lon, lat],
        ];
        expect(validateAreaGeometry({ type: 'Polygon', coordinates: [ring] })).toEqual({
          type: 'Polygon',
          coordinates: [ring],
        });
      }),
    );
  });
});
