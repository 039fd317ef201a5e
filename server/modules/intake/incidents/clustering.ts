import type { LocationPrecision } from './incident.tables.ts';

/**
 * Pure clustering rules: which open incident a new report joins, and how an incident's location
 * estimate moves. The repository prefilters candidates with a bounding box in SQL; the exact test
 * here decides.
 */

export interface ClusteringSettings {
  /** A report joins an incident whose location estimate is at most this far away. */
  distanceMeters: number;
  /** ...and whose report times are at most this far from the report's time. */
  windowMs: number;
}

export const defaultClusteringSettings: ClusteringSettings = {
  distanceMeters: 500,
  windowMs: 60 * 60 * 1000,
};

export interface Point {
  lat: number;
  lon: number;
}

export interface ClusterCandidate {
  id: string;
  lat: number | null;
  lon: number | null;
  firstReportAt: number;
  latestReportAt: number;
  /** False for an incident known only to a ZIP or an area: nothing joins it by distance. */
  isPlaced?: boolean;
}

export interface ClusterInput {
  point: Point | null;
  occurredAt: number;
  /** False for a report known only to a ZIP or an area: it joins nothing by distance. */
  isPlaced?: boolean;
}

/** A point known to within this many meters is placed; a wider one only says "somewhere here". */
export const placedRadiusLimitMeters = 300;

/**
 * Whether a location is precise enough to cluster by distance (ADR 0036): a pin, or a named place
 * or intersection (tens of meters). A ZIP centroid, a long street or nothing is not: such a report
 * waits in the "location unclear" lane until a dispatcher places or merges it.
 */
export function isPlacedLocation(
  precision: LocationPrecision,
  radiusMeters: number | null | undefined,
): boolean {
  if (precision === 'pin') return true;
  if (precision === 'place') return (radiusMeters ?? 0) <= placedRadiusLimitMeters;
  return false;
}

const earthRadiusMeters = 6_371_008.8;
const toRadians = (degrees: number): number => (degrees * Math.PI) / 180;

/** Great-circle distance in meters. */
export function haversineMeters(a: Point, b: Point): number {
  const dLat = toRadians(b.lat - a.lat);
  const dLon = toRadians(b.lon - a.lon);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(toRadians(a.lat)) * Math.cos(toRadians(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * earthRadiusMeters * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface BoundingBox {
  minLat: number;
  maxLat: number;
  minLon: number;
  maxLon: number;
}

/** A box that contains every point within `meters` of `center` (slightly larger, never smaller). */
export function boundingBoxAround(center: Point, meters: number): BoundingBox {
  const latDelta = (meters / earthRadiusMeters) * (180 / Math.PI) * 1.01;
  // Near the poles a degree of longitude shrinks to nothing; cap the cosine to keep the box finite.
  const cosine = Math.max(Math.cos(toRadians(Math.min(Math.abs(center.lat) + latDelta, 89))), 0.01);
  const lonDelta = Math.min(latDelta / cosine, 180);
  return {
    minLat: center.lat - latDelta,
    maxLat: center.lat + latDelta,
    minLon: center.lon - lonDelta,
    maxLon: center.lon + lonDelta,
  };
}

/** How far `time` lies outside the span [first, latest] of an incident's reports (0 inside it). */
export function timeGapMs(
  candidate: Pick<ClusterCandidate, 'firstReportAt' | 'latestReportAt'>,
  time: number,
) {
  return Math.max(0, candidate.firstReportAt - time, time - candidate.latestReportAt);
}

/**
 * The incident a report joins: the nearest candidate within the distance and time window, or null
 * to open a new incident. A report without a point, or not placed, never joins; ties go to
 * the incident reported most recently.
 */
export function chooseIncident<Candidate extends ClusterCandidate>(
  report: ClusterInput,
  candidates: readonly Candidate[],
  settings: ClusteringSettings,
): Candidate | null {
  const point = report.point;
  if (!point) return null;
  if (report.isPlaced === false) return chooseUnclearIncident(point, report.occurredAt, candidates, settings);
  let best: { candidate: Candidate; distance: number } | null = null;
  for (const candidate of candidates) {
    if (candidate.lat === null || candidate.lon === null || candidate.isPlaced === false) continue;
    if (timeGapMs(candidate, report.occurredAt) > settings.windowMs) continue;
    const distance = haversineMeters(point, { lat: candidate.lat, lon: candidate.lon });
    if (distance > settings.distanceMeters) continue;
    if (
      !best ||
      distance < best.distance ||
      (distance === best.distance && candidate.latestReportAt > best.candidate.latestReportAt)
    ) {
      best = { candidate, distance };
    }
  }
  return best?.candidate ?? null;
}

/** Two reports known only to one ZIP or area share its centroid to within this. */
const sameCentroidMeters = 1;

/**
 * Reports known only to the same ZIP or area within the window wait together in the "location
 * unclear" lane (a flood of them is one incident for a dispatcher to place or split, not hundreds);
 * they never join a placed incident, and a placed report never joins them.
 */
function chooseUnclearIncident<Candidate extends ClusterCandidate>(
  point: Point,
  occurredAt: number,
  candidates: readonly Candidate[],
  settings: ClusteringSettings,
): Candidate | null {
  let best: Candidate | null = null;
  for (const candidate of candidates) {
    if (candidate.isPlaced !== false || candidate.lat === null || candidate.lon === null) continue;
    if (timeGapMs(candidate, occurredAt) > settings.windowMs) continue;
    if (haversineMeters(point, { lat: candidate.lat, lon: candidate.lon }) > sameCentroidMeters) continue;
    if (!best || candidate.latestReportAt > best.latestReportAt) best = candidate;
  }
  return best;
}

export interface LocationEstimate {
  lat: number | null;
  lon: number | null;
  precision: LocationPrecision;
  /** Reports averaged into the estimate. */
  count: number;
}

const precisionRank: Record<LocationPrecision, number> = { none: 0, zip: 1, place: 2, pin: 3 };

/**
 * Adds one report's point to an incident's running mean. A more precise point replaces a less
 * precise estimate (the first pin beats any number of ZIP centroids); a less precise one is ignored.
 */
export function addToEstimate(
  estimate: LocationEstimate,
  point: Point | null,
  precision: LocationPrecision,
): LocationEstimate {
  if (!point || precision === 'none') return estimate;
  const current = precisionRank[estimate.precision];
  const incoming = precisionRank[precision];
  if (incoming < current) return estimate;
  if (incoming > current || estimate.lat === null || estimate.lon === null || estimate.count === 0) {
    return { lat: roundMean(point.lat), lon: roundMean(point.lon), precision, count: 1 };
  }
  const count = estimate.count + 1;
  return {
    lat: roundMean(estimate.lat + (point.lat - estimate.lat) / count),
    lon: roundMean(estimate.lon + (point.lon - estimate.lon) / count),
    precision,
    count,
  };
}

/** The estimate of a set of reports, as addToEstimate would build it one by one. */
export function estimateFrom(
  reports: readonly { point: Point | null; precision: LocationPrecision }[],
): LocationEstimate {
  let estimate: LocationEstimate = { lat: null, lon: null, precision: 'none', count: 0 };
  const best = reports.reduce(
    (rank, report) => Math.max(rank, report.point ? precisionRank[report.precision] : 0),
    0,
  );
  for (const report of reports) {
    if (report.point && precisionRank[report.precision] === best) {
      estimate = addToEstimate(estimate, report.point, report.precision);
    }
  }
  return estimate;
}

/** Coarse coordinates: 3 decimals is about 110 m of latitude, enough to cluster and to pick an area. */
export function coarsen(point: Point): Point {
  return { lat: roundCoordinate(point.lat), lon: roundCoordinate(point.lon) };
}

function roundCoordinate(value: number): number {
  return Math.round(value * 1e3) / 1e3;
}

// A mean of coarse points reveals no more than they do; 5 decimals keep small steps from being lost.
function roundMean(value: number): number {
  return Math.round(value * 1e5) / 1e5;
}
