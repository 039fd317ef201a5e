import type { PresentedIncident } from './api/types.ts';

/** How many candidates to offer: the nearest few are the ones that can be the same event. */
const candidateLimit = 8;

type Point = { lat: number; lon: number };

/** Straight-line distance in metres (equirectangular: plenty for "which incident is nearby"). */
export function distanceMeters(a: Point, b: Point): number {
  const radians = Math.PI / 180;
  const x = (b.lon - a.lon) * radians * Math.cos(((a.lat + b.lat) / 2) * radians);
  const y = (b.lat - a.lat) * radians;
  return Math.sqrt(x * x + y * y) * 6_371_000;
}

/** Open incidents other than `incident`, nearest first (unlocated ones last, newest first). */
export function mergeCandidates(
  incident: PresentedIncident,
  open: readonly PresentedIncident[],
): PresentedIncident[] {
  const distanceTo = (other: PresentedIncident) =>
    incident.location && other.location ? distanceMeters(incident.location, other.location) : Infinity;
  return open
    .filter((other) => other.id !== incident.id && other.status !== 'closed')
    .sort((a, b) => distanceTo(a) - distanceTo(b) || b.latestReportAt - a.latestReportAt)
    .slice(0, candidateLimit);
}
