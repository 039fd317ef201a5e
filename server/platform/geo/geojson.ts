/** [longitude, latitude], the GeoJSON order. */
export type Position = [number, number];
export type LinearRing = Position[];

export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: LinearRing[];
}

export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: LinearRing[][];
}

export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;

export interface GeoJsonIssue {
  /** Where in the input, e.g. `coordinates.0.3.1`. */
  path: string;
  message: string;
}

/** The input is not a usable area shape; `issues` says where and why (at most 20). */
export class GeoJsonValidationError extends Error {
  constructor(readonly issues: GeoJsonIssue[]) {
    super(`Invalid GeoJSON: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`);
    this.name = 'GeoJsonValidationError';
  }
}

/** A 10,000-vertex polygon is street-level detail for a whole county; more is a mistake or an attack. */
export const maxAreaVertices = 10_000;
const maxIssues = 20;

class Collector {
  readonly issues: GeoJsonIssue[] = [];
  vertices = 0;
  add(path: (string | number)[], message: string): void {
    if (this.issues.length < maxIssues) this.issues.push({ path: path.join('.'), message });
  }
  get isFull(): boolean {
    return this.issues.length >= maxIssues || this.vertices > maxAreaVertices;
  }
}

/**
 * Checks untrusted GeoJSON for an area: a Polygon or MultiPolygon (a Feature wrapping one is
 * unwrapped), closed rings of at least 4 positions enclosing some area, finite longitudes in
 * [-180, 180] and latitudes in [-90, 90], at most 10,000 vertices. Returns a clean copy (no
 * foreign members, altitude dropped); throws GeoJsonValidationError otherwise, never anything else.
 * Rings that cross the antimeridian are not supported.
 */
export function validateAreaGeometry(input: unknown): AreaGeometry {
  const collector = new Collector();
  let path: (string | number)[] = [];
  let value = input;
  if (isRecord(value) && value.type === 'Feature') {
    path = ['geometry'];
    value = value.geometry;
  }
  const geometry = readGeometry(value, path, collector);
  if (collector.vertices > maxAreaVertices) {
    collector.issues.unshift({
      path: [...path, 'coordinates'].join('.'),
      message: `Use at most ${maxAreaVertices} vertices.`,
    });
  }
  if (geometry === null || collector.issues.length > 0) {
    if (collector.issues.length === 0) collector.add(path, 'Not a valid area.');
    throw new GeoJsonValidationError(collector.issues.slice(0, maxIssues));
  }
  return geometry;
}

function readGeometry(value: unknown, path: (string | number)[], collector: Collector): AreaGeometry | null {
  if (!isRecord(value)) {
    collector.add(path, 'Expected a GeoJSON object.');
    return null;
  }
  const coordinatesPath = [...path, 'coordinates'];
  if (value.type === 'Polygon') {
    const polygon = readPolygon(value.coordinates, coordinatesPath, collector);
    return polygon && { type: 'Polygon', coordinates: polygon };
  }
  if (value.type === 'MultiPolygon') {
    if (!Array.isArray(value.coordinates) || value.coordinates.length === 0) {
      collector.add(coordinatesPath, 'Expected a non-empty list of polygons.');
      return null;
    }
    const polygons: LinearRing[][] = [];
    for (const [index, item] of (value.coordinates as unknown[]).entries()) {
      if (collector.isFull) return null;
      const polygon = readPolygon(item, [...coordinatesPath, index], collector);
      if (polygon) polygons.push(polygon);
    }
    return { type: 'MultiPolygon', coordinates: polygons };
  }
  collector.add([...path, 'type'], 'Use a Polygon or a MultiPolygon.');
  return null;
}

function readPolygon(value: unknown, path: (string | number)[], collector: Collector): LinearRing[] | null {
  if (!Array.isArray(value) || value.length === 0) {
    collector.add(path, 'Expected a non-empty list of rings (outer ring first, then holes).');
    return null;
  }
  const rings: LinearRing[] = [];
  for (const [index, item] of (value as unknown[]).entries()) {
    if (collector.isFull) return null;
    const ring = readRing(item, [...path, index], collector);
    if (ring) rings.push(ring);
  }
  return rings.length === value.length ? rings : null;
}

function readRing(value: unknown, path: (string | number)[], collector: Collector): LinearRing | null {
  if (!Array.isArray(value) || value.length < 4) {
    collector.add(path, 'A ring needs at least 4 positions, the last equal to the first.');
    return null;
  }
  collector.vertices += value.length;
  if (collector.vertices > maxAreaVertices) return null;
  const ring: LinearRing = [];
  for (const [index, item] of (value as unknown[]).entries()) {
    const position = readPosition(item, [...path, index], collector);
    if (position) ring.push(position);
  }
  if (ring.length !== value.length) return null;
  const first = ring[0]!;
  const last = ring[ring.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) {
    collector.add(path, 'The ring is not closed: its last position must equal its first.');
    return null;
  }
  if (new Set(ring.map(([lon, lat]) => `${lon},${lat}`)).size < 3) {
    collector.add(path, 'The ring encloses no area: use at least 3 distinct positions.');
    return null;
  }
  return ring;
}

function readPosition(value: unknown, path: (string | number)[], collector: Collector): Position | null {
  if (!Array.isArray(value) || value.length < 2 || value.length > 3) {
    collector.add(path, 'A position is [longitude, latitude].');
    return null;
  }
  const [lon, lat] = value as unknown[];
  if (typeof lon !== 'number' || !Number.isFinite(lon) || lon < -180 || lon > 180) {
    collector.add([...path, 0], 'Longitude must be a number from -180 to 180.');
    return null;
  }
  if (typeof lat !== 'number' || !Number.isFinite(lat) || lat < -90 || lat > 90) {
    collector.add([...path, 1], 'Latitude must be a number from -90 to 90.');
    return null;
  }
  return [lon, lat];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
