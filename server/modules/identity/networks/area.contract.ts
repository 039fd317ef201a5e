import { z } from 'zod';

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
