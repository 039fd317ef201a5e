import { distanceMeters } from '../../../platform/geo/index.ts';
import type { LatLon } from '../../../platform/geo/index.ts';
import { foldText, isSameKey, parseIntersection, placeKey, streetKey } from './place-text.ts';

/**
 * Finds a typed place in a network's gazetteer and street list: a named place, the crossing of two
 * streets, or one street. Every answer carries an uncertainty radius in meters. Pure, no I/O.
 */

export interface GazetteerPlace {
  name: string;
  key: string;
  lat: number;
  lon: number;
  radiusMeters: number;
}

/** One street centerline piece: `[lon, lat]` positions, as GeoJSON orders them. */
export interface StreetLine {
  name: string;
  key: string;
  positions: [number, number][];
}

export interface LocatedPlace {
  kind: 'place' | 'intersection' | 'street';
  /** What was matched, in the gazetteer's spelling ("W 18th St & S Blue Island Ave"). */
  label: string;
  point: LatLon;
  radiusMeters: number;
}

/** Two centerlines that pass within this distance of each other cross (digitizing gaps). */
export const crossingToleranceMeters = 40;
/** An intersection is known to within tens of meters: the width of the crossing and the corners. */
export const intersectionRadiusMeters = 40;

const toRadians = (degrees: number) => (degrees * Math.PI) / 180;

interface Planar {
  x: number;
  y: number;
}

/** A local flat projection in meters around `origin`: exact enough across a city. */
function projector(origin: LatLon): (position: [number, number]) => Planar {
  const metersPerDegree = 111_195;
  const cosine = Math.cos(toRadians(origin.lat));
  return ([lon, lat]) => ({
    x: (lon - origin.lon) * metersPerDegree * cosine,
    y: (lat - origin.lat) * metersPerDegree,
  });
}

function unproject(origin: LatLon, point: Planar): LatLon {
  const metersPerDegree = 111_195;
  const cosine = Math.cos(toRadians(origin.lat));
  return {
    lat: origin.lat + point.y / metersPerDegree,
    lon: origin.lon + point.x / (metersPerDegree * cosine),
  };
}

function closestOnSegment(point: Planar, start: Planar, end: Planar): Planar {
  const dx = end.x - start.x;
  const dy = end.y - start.y;
  const lengthSquared = dx * dx + dy * dy;
  const t =
    lengthSquared === 0
      ? 0
      : Math.max(0, Math.min(1, ((point.x - start.x) * dx + (point.y - start.y) * dy) / lengthSquared));
  return { x: start.x + t * dx, y: start.y + t * dy };
}

const gap = (a: Planar, b: Planar) => Math.hypot(a.x - b.x, a.y - b.y);

/** Where two segments meet, or their nearest pair of points (the middle of them) and the gap. */
function meetingOfSegments(a1: Planar, a2: Planar, b1: Planar, b2: Planar): { at: Planar; gap: number } {
  const denominator = (a2.x - a1.x) * (b2.y - b1.y) - (a2.y - a1.y) * (b2.x - b1.x);
  if (denominator !== 0) {
    const t = ((b1.x - a1.x) * (b2.y - b1.y) - (b1.y - a1.y) * (b2.x - b1.x)) / denominator;
    const u = ((b1.x - a1.x) * (a2.y - a1.y) - (b1.y - a1.y) * (a2.x - a1.x)) / denominator;
    if (t >= 0 && t <= 1 && u >= 0 && u <= 1) {
      return { at: { x: a1.x + t * (a2.x - a1.x), y: a1.y + t * (a2.y - a1.y) }, gap: 0 };
    }
  }
  let best = { at: a1, gap: Infinity };
  const pairs: [Planar, Planar, Planar][] = [
    [a1, b1, b2],
    [a2, b1, b2],
    [b1, a1, a2],
    [b2, a1, a2],
  ];
  for (const [point, start, end] of pairs) {
    const nearest = closestOnSegment(point, start, end);
    const distance = gap(point, nearest);
    if (distance < best.gap) {
      best = { at: { x: (point.x + nearest.x) / 2, y: (point.y + nearest.y) / 2 }, gap: distance };
    }
  }
  return best;
}

/** Where two streets (each one or more centerline pieces) cross, or null when they never come close. */
export function crossingOf(first: readonly StreetLine[], second: readonly StreetLine[]): LatLon | null {
  const anyPosition = first[0]?.positions[0];
  if (!anyPosition) return null;
  const origin = { lon: anyPosition[0], lat: anyPosition[1] };
  const project = projector(origin);
  let best: { at: Planar; gap: number } | null = null;
  for (const lineA of first) {
    const a = lineA.positions.map(project);
    for (const lineB of second) {
      const b = lineB.positions.map(project);
      for (let i = 1; i < a.length; i += 1) {
        for (let j = 1; j < b.length; j += 1) {
          const meeting = meetingOfSegments(a[i - 1]!, a[i]!, b[j - 1]!, b[j]!);
          if (!best || meeting.gap < best.gap) best = meeting;
        }
      }
    }
  }
  if (!best || best.gap > crossingToleranceMeters) return null;
  return unproject(origin, best.at);
}

function streetsNamed(streets: readonly StreetLine[], typedKey: string): StreetLine[] {
  const exact = streets.filter((street) => street.key === typedKey);
  return exact.length > 0 ? exact : streets.filter((street) => isSameKey(typedKey, street.key));
}

/** The middle of a street's extent and half its length: where "on Pershing" could be. */
function streetSpread(lines: readonly StreetLine[]): { point: LatLon; radiusMeters: number } {
  const positions = lines.flatMap((line) => line.positions);
  const lats = positions.map(([, lat]) => lat);
  const lons = positions.map(([lon]) => lon);
  const point = {
    lat: (Math.min(...lats) + Math.max(...lats)) / 2,
    lon: (Math.min(...lons) + Math.max(...lons)) / 2,
  };
  const corner = { lat: Math.min(...lats), lon: Math.min(...lons) };
  return {
    point,
    radiusMeters: Math.max(intersectionRadiusMeters, Math.round(distanceMeters(point, corner))),
  };
}

function findPlace(places: readonly GazetteerPlace[], text: string): GazetteerPlace | null {
  const typed = ` ${placeKey(text)} `;
  let best: GazetteerPlace | null = null;
  for (const place of places) {
    if (place.key.length === 0) continue;
    const isNamed = typed.includes(` ${place.key} `) || isSameKey(typed.trim(), place.key);
    if (isNamed && (!best || place.key.length > best.key.length)) best = place;
  }
  return best;
}

/**
 * The place a text names: a named place of the gazetteer first (its own radius), then an
 * intersection of two listed streets, then a single listed street. Null when nothing matches.
 */
export function locateText(
  text: string,
  places: readonly GazetteerPlace[],
  streets: readonly StreetLine[],
): LocatedPlace | null {
  if (foldText(text).length === 0) return null;
  const place = findPlace(places, text);
  if (place) {
    return {
      kind: 'place',
      label: place.name,
      point: { lat: place.lat, lon: place.lon },
      radiusMeters: place.radiusMeters,
    };
  }
  const crossing = parseIntersection(text);
  if (crossing) {
    const first = streetsNamed(streets, crossing[0]);
    const second = streetsNamed(streets, crossing[1]);
    const point = first.length > 0 && second.length > 0 ? crossingOf(first, second) : null;
    if (point) {
      return {
        kind: 'intersection',
        label: `${first[0]!.name} & ${second[0]!.name}`,
        point: { lat: roundTo5(point.lat), lon: roundTo5(point.lon) },
        radiusMeters: intersectionRadiusMeters,
      };
    }
  }
  const single = streetsNamed(streets, streetKey(text));
  if (single.length > 0) {
    const spread = streetSpread(single);
    return {
      kind: 'street',
      label: single[0]!.name,
      point: { lat: roundTo5(spread.point.lat), lon: roundTo5(spread.point.lon) },
      radiusMeters: spread.radiusMeters,
    };
  }
  return null;
}

function roundTo5(value: number): number {
  return Math.round(value * 1e5) / 1e5;
}
