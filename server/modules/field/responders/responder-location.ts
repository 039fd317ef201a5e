import type { LatLon } from '../../../platform/geo/index.ts';

/**
 * Grid step in degrees for stored responder locations: 0.003° is about 330 m north–south (and
 * 250 m east–west at 41° N). Coarse enough not to pinpoint a home, fine enough to rank by distance.
 */
export const locationGridDegrees = 0.003;

/** A shared location is forgotten this long after it was sent unless the phone sends it again. */
export const locationLifetimeMs = 30 * 60 * 1000;

/** Snaps a point to the centre of its grid cell; the exact point is never stored. */
export function coarsenLocation(point: LatLon): LatLon {
  const snap = (value: number) =>
    Math.round((Math.floor(value / locationGridDegrees) + 0.5) * locationGridDegrees * 1e6) / 1e6;
  return {
    lat: Math.max(-90, Math.min(90, snap(point.lat))),
    lon: Math.max(-180, Math.min(180, snap(point.lon))),
  };
}

/** Straight-line travel speed for the estimated time of arrival (urban driving, as the crow flies). */
export const crowFliesSpeedMetersPerMinute = 30_000 / 60;

export function estimatedMinutesFor(distanceMeters: number): number {
  return Math.max(1, Math.ceil(distanceMeters / crowFliesSpeedMetersPerMinute));
}
