import { AppError } from '../../../platform/errors/app-error.ts';
import { GeoJsonValidationError, lookupZip, validateAreaGeometry } from '../../../platform/geo/index.ts';
import type { AreaDefinition, AreaGeometry } from '../../../platform/geo/index.ts';
import type { AreaInput } from './area.contract.ts';
import type { AreasTable } from './network.tables.ts';

/**
 * Turns a schema-checked input into a definition the geo library can use: GEOJSON_INVALID with
 * paths for a bad polygon, ZIP_UNKNOWN listing every ZIP without a known centroid.
 */
export function definitionFromInput(input: AreaInput): AreaDefinition {
  switch (input.kind) {
    case 'polygon':
      try {
        return { kind: 'polygon', geojson: validateAreaGeometry(input.geojson) };
      } catch (error) {
        if (!(error instanceof GeoJsonValidationError)) throw error;
        const details = error.issues.map((issue) => ({
          path: issue.path === '' ? 'geojson' : `geojson.${issue.path}`,
          message: issue.message,
        }));
        throw new AppError('GEOJSON_INVALID', 'The area shape is not valid GeoJSON.', details);
      }
    case 'zips': {
      const zips = [...new Set(input.zips)];
      const unknown = zips.filter((zip) => lookupZip(zip) === null);
      if (unknown.length > 0) {
        throw new AppError(
          'ZIP_UNKNOWN',
          `Unknown ZIP codes: ${unknown.join(', ')}`,
          unknown.map((zip) => ({
            path: `zips.${input.zips.indexOf(zip)}`,
            message: `Unknown ZIP code ${zip}.`,
          })),
        );
      }
      return { kind: 'zips', zips };
    }
    case 'circle':
      return { kind: 'circle', center: { ...input.center }, radiusMeters: input.radiusMeters };
  }
}

/** The `definition` column: the kind's own fields, without the kind (it has its own column). */
export function storedDefinition(definition: AreaDefinition): string {
  switch (definition.kind) {
    case 'polygon':
      return JSON.stringify({ geojson: definition.geojson });
    case 'zips':
      return JSON.stringify({ zips: definition.zips });
    case 'circle':
      return JSON.stringify({ center: definition.center, radiusMeters: definition.radiusMeters });
  }
}

/**
 * Reads a stored area back for containment tests (the display geometry is not needed, so it is
 * not fetched). Stored definitions were validated on write; a light shape check guards against a
 * damaged row, which is then in no area (null) rather than failing the caller.
 */
export function definitionFromRow(row: Pick<AreasTable, 'kind' | 'definition'>): AreaDefinition | null {
  const value = parseJson(row.definition);
  switch (row.kind) {
    case 'zips': {
      const zips = value?.zips;
      const isZipList = Array.isArray(zips) && zips.every((zip) => typeof zip === 'string');
      return isZipList ? { kind: 'zips', zips } : null;
    }
    case 'circle': {
      const center = value?.center;
      if (!isCenter(center) || typeof value?.radiusMeters !== 'number') return null;
      return {
        kind: 'circle',
        center: { lat: center.lat, lon: center.lon },
        radiusMeters: value.radiusMeters,
      };
    }
    case 'polygon': {
      // `{geojson}` as this module writes it; a bare geometry is accepted too.
      const geometry = isRecord(value?.geojson) ? value.geojson : value;
      const isPolygonal = geometry?.type === 'Polygon' || geometry?.type === 'MultiPolygon';
      if (!isPolygonal || !Array.isArray(geometry.coordinates)) return null;
      return { kind: 'polygon', geojson: geometry as unknown as AreaGeometry };
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : null;
  } catch {
    return null;
  }
}

function isCenter(value: unknown): value is { lat: number; lon: number } {
  const center = value as { lat?: unknown; lon?: unknown } | null | undefined;
  return typeof center?.lat === 'number' && typeof center.lon === 'number';
}
