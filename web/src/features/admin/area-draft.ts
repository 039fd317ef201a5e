import type { Area, AreaKind, LatLon } from './api/types.ts';
import { polygonOf, verticesOf } from './area-geometry.ts';

export const areaKinds: AreaKind[] = ['polygon', 'zips', 'circle'];
export const defaultRadiusMeters = 1000;

/** What the area form edits; strings where a person types, so a half-typed number is not lost. */
export interface AreaDraft {
  name: string;
  kind: AreaKind;
  vertices: LatLon[];
  isClosed: boolean;
  zips: string;
  lat: string;
  lon: string;
  radius: string;
}

export function draftOf(area: Area | null): AreaDraft {
  const vertices = area?.kind === 'polygon' ? verticesOf(area.definition.geojson) : [];
  return {
    name: area?.name ?? '',
    kind: area?.kind ?? 'polygon',
    vertices,
    isClosed: vertices.length >= 3,
    zips: area?.definition.zips?.join(', ') ?? '',
    lat: area?.definition.center ? String(area.definition.center.lat) : '',
    lon: area?.definition.center ? String(area.definition.center.lon) : '',
    radius: String(area?.definition.radiusMeters ?? defaultRadiusMeters),
  };
}

/** The circle's centre once both coordinates are numbers, else null. */
export function centerOf(draft: AreaDraft): LatLon | null {
  const lat = Number(draft.lat);
  const lon = Number(draft.lon);
  if (draft.lat === '' || draft.lon === '' || !Number.isFinite(lat) || !Number.isFinite(lon)) return null;
  return { lat, lon };
}

/** The request body, or the key of the message explaining what is missing. */
export function bodyOf(draft: AreaDraft): { body: Record<string, unknown> } | { problem: string } {
  const name = draft.name.trim();
  if (!name) return { problem: 'adminAreas.nameMissing' };
  switch (draft.kind) {
    case 'polygon':
      if (!draft.isClosed || draft.vertices.length < 3) return { problem: 'adminAreas.polygonOpen' };
      return { body: { name, kind: 'polygon', geojson: polygonOf(draft.vertices) } };
    case 'zips': {
      const zips = draft.zips.split(/[\s,;]+/).filter(Boolean);
      if (zips.length === 0 || zips.some((zip) => !/^\d{5}$/.test(zip)))
        return { problem: 'adminAreas.zipsFormat' };
      return { body: { name, kind: 'zips', zips } };
    }
    case 'circle': {
      const lat = Number(draft.lat);
      const lon = Number(draft.lon);
      const radiusMeters = Number(draft.radius);
      const isPlaced = draft.lat !== '' && draft.lon !== '' && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
      if (!isPlaced) return { problem: 'adminAreas.centerMissing' };
      if (!(radiusMeters >= 10 && radiusMeters <= 100_000)) return { problem: 'adminAreas.radiusRange' };
      return { body: { name, kind: 'circle', center: { lat, lon }, radiusMeters } };
    }
  }
}
