import { z } from 'zod';

/** A polygon drawn on a map, a list of ZIP codes, or a point and a radius. */
export const areaKinds = ['polygon', 'zips', 'circle'] as const;
export type AreaKind = (typeof areaKinds)[number];

/** A ZIP-list area of more than this is a region: draw a polygon instead. */
export const maxZipsPerArea = 500;
export const maxCircleRadiusMeters = 100_000;

export const areaNameSchema = z
  .string()
  .trim()
  .min(1, 'Enter a name.')
  .max(100, 'Use at most 100 characters.')
  .regex(/^[^\p{Cc}\p{Cf}]+$/u, 'Use letters, numbers and punctuation only.');

const latitudeSchema = z.number().min(-90).max(90);
const longitudeSchema = z.number().min(-180).max(180);

/** Body of POST /api/areas and PUT /api/areas/:areaId. The GeoJSON is checked by the geo library. */
export const areaInputSchema = z.discriminatedUnion('kind', [
  z.strictObject({ name: areaNameSchema, kind: z.literal('polygon'), geojson: z.unknown() }),
  z.strictObject({
    name: areaNameSchema,
    kind: z.literal('zips'),
    zips: z
      .array(
        z
          .string()
          .trim()
          .regex(/^\d{5}$/, 'Use five-digit US ZIP codes.'),
      )
      .min(1, 'List at least one ZIP code.')
      .max(maxZipsPerArea, `Use at most ${maxZipsPerArea} ZIP codes; draw a polygon for larger areas.`),
  }),
  z.strictObject({
    name: areaNameSchema,
    kind: z.literal('circle'),
    center: z.strictObject({ lat: latitudeSchema, lon: longitudeSchema }),
    radiusMeters: z.number().min(10).max(maxCircleRadiusMeters),
  }),
]);
export type AreaInput = z.infer<typeof areaInputSchema>;

export const areaIdSchema = z.uuid();

// Answers

export interface LatLon {
  lat: number;
  lon: number;
}

/** [longitude, latitude], the GeoJSON order. */
export type GeoJsonPosition = [number, number];

/** The GeoJSON shape of an area, for maps; containment tests use the definition. */
export type AreaGeometry =
  | { type: 'Polygon'; coordinates: GeoJsonPosition[][] }
  | { type: 'MultiPolygon'; coordinates: GeoJsonPosition[][][] };

export interface BoundingBox {
  minLat: number;
  minLon: number;
  maxLat: number;
  maxLon: number;
}

/**
 * What the admin entered, as stored: `{geojson}` for a polygon, `{zips}`, or `{center,
 * radiusMeters}` (areas stored before `{geojson}` hold a bare geometry).
 */
export interface AreaDefinitionFields {
  geojson?: unknown;
  zips?: string[];
  center?: LatLon;
  radiusMeters?: number;
}

/** An area of the network; roles and alerts are limited to areas. */
export interface Area {
  id: string;
  name: string;
  kind: AreaKind;
  definition: AreaDefinitionFields;
  geometry: AreaGeometry;
  boundingBox: BoundingBox;
  createdAt: number;
  updatedAt: number;
}

/** GET /api/areas. */
export interface AreaList {
  areas: Area[];
}
