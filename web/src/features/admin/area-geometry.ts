import type { LatLon } from './api/types.ts';

/** Six decimals are about 10 cm: enough for an area, and short in the stored definition. */
export function roundCoordinate(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** The GeoJSON polygon of closed corners: [longitude, latitude] positions, first repeated last. */
export function polygonOf(vertices: LatLon[]): GeoJSON.Polygon {
  const ring = vertices.map((vertex) => [vertex.lon, vertex.lat]);
  const first = ring[0];
  return { type: 'Polygon', coordinates: [first ? [...ring, first] : ring] };
}

/** The corners of a stored polygon's outer ring (without the repeated last position). */
export function verticesOf(geojson: unknown): LatLon[] {
  const geometry = geojson as { type?: string; coordinates?: unknown } | null;
  const rings =
    geometry?.type === 'Polygon'
      ? (geometry.coordinates as number[][][])
      : geometry?.type === 'MultiPolygon'
        ? (geometry.coordinates as number[][][][])[0]
        : undefined;
  const ring = rings?.[0] ?? [];
  const positions = ring.slice(0, -1).filter((position) => position.length >= 2);
  return positions.map((position) => ({ lat: position[1]!, lon: position[0]! }));
}

/** "lat, lon" per line ⇄ corners, for people who type coordinates instead of clicking. */
export function verticesToText(vertices: LatLon[]): string {
  return vertices.map((vertex) => `${vertex.lat}, ${vertex.lon}`).join('\n');
}

export function verticesFromText(text: string): LatLon[] | null {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const vertices: LatLon[] = [];
  for (const line of lines) {
    const parts = line
      .split(/[,\s]+/)
      .filter(Boolean)
      .map(Number);
    const [lat, lon] = parts;
    if (parts.length !== 2 || lat === undefined || lon === undefined) return null;
    if (!Number.isFinite(lat) || !Number.isFinite(lon)) return null;
    vertices.push({ lat, lon });
  }
  return vertices;
}
