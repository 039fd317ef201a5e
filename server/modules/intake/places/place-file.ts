import { parse } from 'csv-parse/sync';
import { AppError } from '../../../platform/errors/app-error.ts';
import { isValidLatLon } from '../../../platform/geo/index.ts';
import { placeKinds, placesMaxRows, streetsMaxRows } from './place.contract.ts';
import type { ImportFormat, PlaceKind, PlaceRowProblem } from './place.contract.ts';
import { placeKey, streetKey } from './place-text.ts';

/**
 * Reads a gazetteer file (named places) or a street list (centerlines), CSV or GeoJSON. File-level
 * faults are AppErrors; each row's faults are listed on the row. Pure, no I/O.
 */

export interface ReadRow {
  line: number;
  name: string;
  problems: PlaceRowProblem[];
}

export interface ReadPlace extends ReadRow {
  key: string;
  kind: PlaceKind;
  lat: number;
  lon: number;
  radiusMeters: number;
}

export interface ReadStreet extends ReadRow {
  key: string;
  lines: [number, number][][];
}

/** A named place is known to within tens of meters unless the file says otherwise. */
export const defaultPlaceRadiusMeters = 50;
const maxRadiusMeters = 5_000;
const maxNameLength = 120;

interface RawRow {
  line: number;
  fields: Record<string, unknown>;
  geometry?: unknown;
}

function readCsv(text: string, required: readonly string[], maxRows: number): RawRow[] {
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
      max_record_size: 64 * 1024,
      to: maxRows + 2,
    });
  } catch {
    throw new AppError('GAZETTEER_FILE_MALFORMED', 'The file could not be read as CSV.');
  }
  const [header, ...body] = records;
  const columns = (header ?? []).map((name) => name.toLowerCase());
  if (!header || required.some((column) => !columns.includes(column))) {
    throw new AppError('GAZETTEER_HEADER_INVALID', 'The first line must name the columns.', [
      { path: 'text', message: `expected columns: ${required.join(', ')}` },
    ]);
  }
  checkCount(body.length, maxRows);
  return body.map((record, index) => ({
    line: index + 2,
    fields: Object.fromEntries(columns.map((column, at) => [column, record[at] ?? ''])),
  }));
}

function readGeoJson(text: string, maxRows: number): RawRow[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AppError('GAZETTEER_FILE_MALFORMED', 'The file could not be read as GeoJSON.');
  }
  const collection = parsed as { type?: unknown; features?: unknown };
  if (collection?.type !== 'FeatureCollection' || !Array.isArray(collection.features)) {
    throw new AppError('GAZETTEER_FILE_MALFORMED', 'A GeoJSON FeatureCollection is expected.');
  }
  checkCount(collection.features.length, maxRows);
  return collection.features.map((feature: unknown, index) => {
    const item = (feature ?? {}) as { properties?: unknown; geometry?: unknown };
    const properties =
      item.properties && typeof item.properties === 'object'
        ? (item.properties as Record<string, unknown>)
        : {};
    return { line: index + 1, fields: properties, geometry: item.geometry };
  });
}

function checkCount(count: number, maxRows: number): void {
  if (count === 0) throw new AppError('GAZETTEER_FILE_EMPTY', 'The file has no rows.');
  if (count > maxRows) throw new AppError('GAZETTEER_FILE_TOO_LARGE', `At most ${maxRows} rows per file.`);
}

const textOf = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
const numberOf = (value: unknown): number =>
  typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;

function checkName(name: string, problems: PlaceRowProblem[]): void {
  if (name === '') problems.push('NAME_MISSING');
  else if (name.length > maxNameLength) problems.push('NAME_TOO_LONG');
}

/** Places: CSV `name,lat,lon[,kind][,radius_m]`, or GeoJSON Point features with the same properties. */
export function readPlacesFile(format: ImportFormat, text: string): ReadPlace[] {
  const rows =
    format === 'csv'
      ? readCsv(text, ['name', 'lat', 'lon'], placesMaxRows)
      : readGeoJson(text, placesMaxRows);
  const seen = new Set<string>();
  return rows.map(({ line, fields, geometry }) => {
    const problems: PlaceRowProblem[] = [];
    const name = textOf(fields.name);
    checkName(name, problems);
    const kindText = textOf(fields.kind).toLowerCase() || 'other';
    const kind = (placeKinds as readonly string[]).includes(kindText) ? (kindText as PlaceKind) : 'other';
    if (kind !== kindText) problems.push('KIND_UNKNOWN');
    let lat = numberOf(fields.lat);
    let lon = numberOf(fields.lon);
    if (format === 'geojson') {
      const point = geometry as { type?: unknown; coordinates?: unknown } | undefined;
      const coordinates = Array.isArray(point?.coordinates) ? (point.coordinates as unknown[]) : [];
      if (point?.type !== 'Point') problems.push('GEOMETRY_UNSUPPORTED');
      lon = numberOf(coordinates[0]);
      lat = numberOf(coordinates[1]);
    }
    if (!isValidLatLon({ lat, lon })) problems.push('POINT_INVALID');
    const radiusText = fields.radius_m;
    const radiusMeters =
      radiusText === undefined || radiusText === '' ? defaultPlaceRadiusMeters : numberOf(radiusText);
    if (!Number.isFinite(radiusMeters) || radiusMeters < 5 || radiusMeters > maxRadiusMeters) {
      problems.push('RADIUS_INVALID');
    }
    const key = placeKey(name);
    if (name !== '' && seen.has(key)) problems.push('NAME_DUPLICATE');
    seen.add(key);
    return { line, name, key, kind, lat, lon, radiusMeters: Math.round(radiusMeters), problems };
  });
}

function isPositionList(value: unknown): value is [number, number][] {
  return (
    Array.isArray(value) &&
    value.length >= 2 &&
    value.every(
      (position) =>
        Array.isArray(position) &&
        position.length >= 2 &&
        isValidLatLon({ lon: numberOf(position[0]), lat: numberOf(position[1]) }),
    )
  );
}

/**
 * Streets: CSV `name,from_lat,from_lon,to_lat,to_lon` (one straight piece per row), or GeoJSON
 * LineString / MultiLineString features with a `name` property (an OpenStreetMap extract exported
 * by osmium has them). Pieces of one street may come on many rows.
 */
export function readStreetsFile(format: ImportFormat, text: string): ReadStreet[] {
  const rows =
    format === 'csv'
      ? readCsv(text, ['name', 'from_lat', 'from_lon', 'to_lat', 'to_lon'], streetsMaxRows)
      : readGeoJson(text, streetsMaxRows);
  return rows.map(({ line, fields, geometry }) => {
    const problems: PlaceRowProblem[] = [];
    const name = textOf(fields.name);
    checkName(name, problems);
    let lines: [number, number][][] = [];
    if (format === 'csv') {
      const piece: [number, number][] = [
        [numberOf(fields.from_lon), numberOf(fields.from_lat)],
        [numberOf(fields.to_lon), numberOf(fields.to_lat)],
      ];
      if (isPositionList(piece)) lines = [piece];
      else problems.push('LINE_INVALID');
    } else {
      const shape = geometry as { type?: unknown; coordinates?: unknown } | undefined;
      if (shape?.type === 'LineString') {
        if (isPositionList(shape.coordinates)) lines = [shape.coordinates];
        else problems.push('LINE_INVALID');
      } else if (shape?.type === 'MultiLineString') {
        const parts = Array.isArray(shape.coordinates) ? (shape.coordinates as unknown[]) : [];
        if (parts.length > 0 && parts.every(isPositionList)) lines = parts;
        else problems.push('LINE_INVALID');
      } else {
        problems.push('GEOMETRY_UNSUPPORTED');
      }
    }
    const positions = lines.map((piece) =>
      piece.map(([lon, lat]): [number, number] => [roundTo6(Number(lon)), roundTo6(Number(lat))]),
    );
    return { line, name, key: streetKey(name), lines: positions, problems };
  });
}

function roundTo6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
