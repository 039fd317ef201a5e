import { addToEstimate, chooseIncident, coarsen, haversineMeters } from './clustering.ts';
import type { ClusteringSettings, LocationEstimate, Point } from './clustering.ts';

/**
 * A synthetic surge with known ground truth, and scores of how well clustering recovers it. Used
 * by clustering.quality.test.ts and the benchmarks; deterministic for a given seed.
 */

export interface SyntheticReport {
  /** Index in arrival order. */
  index: number;
  /** The true event it is about (noise reports each have their own). */
  eventId: string;
  point: Point;
  occurredAt: number;
  receivedAt: number;
}

export interface SurgeOptions {
  seed?: number;
  events?: number;
  reports?: number;
  /** Isolated reports about nothing else (rumors, one-off sightings). */
  noiseReports?: number;
  center?: Point;
  /** Half the side of the square the events happen in. */
  radiusMeters?: number;
  /** The surge lasts this long; events start anywhere in it. */
  durationMs?: number;
  /** Standard deviation of GPS and pin error (phones in a city: tens of meters). */
  gpsNoiseMeters?: number;
  /** Share of reporters who drop the pin a block or two off (five times the noise: ~250 m). */
  sloppyShare?: number;
  /** Standard deviation of the error in "when it happened". */
  timeJitterMs?: number;
  /** Events this close that overlap in time are indistinguishable, so the generator keeps them apart. */
  minimumEventSeparationMeters?: number;
  start?: number;
}

const minuteMs = 60 * 1000;

export function generateSurge(options: SurgeOptions = {}): SyntheticReport[] {
  const random = mulberry32(options.seed ?? 1);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const center = options.center ?? { lat: 41.85, lon: -87.68 };
  const radius = options.radiusMeters ?? 12_000;
  const duration = options.durationMs ?? 6 * 60 * minuteMs;
  const start = options.start ?? Date.UTC(2026, 10, 29, 12);
  const noise = options.gpsNoiseMeters ?? 50;
  const separation = options.minimumEventSeparationMeters ?? 1500;
  const jitter = options.timeJitterMs ?? 5 * minuteMs;
  const sloppyShare = options.sloppyShare ?? 0.1;
  const offset = (point: Point, northMeters: number, eastMeters: number): Point => ({
    lat: point.lat + northMeters / 111_320,
    lon: point.lon + eastMeters / (111_320 * Math.cos((point.lat * Math.PI) / 180)),
  });

  const events: { id: string; point: Point; start: number; length: number; weight: number }[] = [];
  while (events.length < (options.events ?? 40)) {
    const point = offset(center, (random() * 2 - 1) * radius, (random() * 2 - 1) * radius);
    const eventStart = start + random() * duration;
    const length = (20 + random() * 70) * minuteMs;
    const clashes = events.some(
      (other) =>
        haversineMeters(point, other.point) < separation &&
        eventStart < other.start + other.length + 2 * 60 * minuteMs &&
        other.start < eventStart + length + 2 * 60 * minuteMs,
    );
    if (clashes) continue;
    // Heavy-tailed sizes: a big raid is reported hundreds of times, a street stop a handful.
    events.push({
      id: `event-${events.length}`,
      point,
      start: eventStart,
      length,
      weight: 1 / (1 - random() * 0.97),
    });
  }

  const reports: Omit<SyntheticReport, 'index'>[] = [];
  const totalWeight = events.reduce((sum, event) => sum + event.weight, 0);
  const reportCount = options.reports ?? 2000;
  let remaining = reportCount;
  events.forEach((event, position) => {
    const share =
      position === events.length - 1
        ? remaining
        : Math.max(1, Math.round((event.weight / totalWeight) * reportCount));
    const count = Math.min(share, remaining);
    remaining -= count;
    for (let index = 0; index < count; index += 1) {
      const spread = random() < sloppyShare ? noise * 5 : noise;
      const occurredAt = event.start + random() * event.length + gaussian() * jitter;
      reports.push({
        eventId: event.id,
        point: offset(event.point, gaussian() * spread, gaussian() * spread),
        occurredAt: Math.round(occurredAt),
        receivedAt: Math.round(Math.max(occurredAt, event.start) + random() * 10 * minuteMs),
      });
    }
  });
  for (let index = 0; index < (options.noiseReports ?? 100); index += 1) {
    const occurredAt = start + random() * duration;
    reports.push({
      eventId: `noise-${index}`,
      point: offset(center, (random() * 2 - 1) * radius, (random() * 2 - 1) * radius),
      occurredAt: Math.round(occurredAt),
      receivedAt: Math.round(occurredAt + random() * 10 * minuteMs),
    });
  }
  return reports.sort((a, b) => a.receivedAt - b.receivedAt).map((report, index) => ({ ...report, index }));
}

/**
 * Runs the production clustering rules (chooseIncident, coarse points, running mean) over the
 * reports in arrival order, in memory. Returns the cluster id of each report by index.
 */
export function simulateClustering(
  reports: readonly SyntheticReport[],
  settings: ClusteringSettings,
): string[] {
  interface Cluster {
    id: string;
    lat: number | null;
    lon: number | null;
    firstReportAt: number;
    latestReportAt: number;
    estimate: LocationEstimate;
  }
  const clusters: Cluster[] = [];
  const assignment: string[] = [];
  for (const report of reports) {
    const occurredAt = Math.min(report.occurredAt, report.receivedAt);
    const point = coarsen(report.point);
    const chosen = chooseIncident({ point, occurredAt }, clusters, settings);
    if (chosen) {
      chosen.estimate = addToEstimate(chosen.estimate, point, 'pin');
      chosen.lat = chosen.estimate.lat;
      chosen.lon = chosen.estimate.lon;
      chosen.firstReportAt = Math.min(chosen.firstReportAt, occurredAt);
      chosen.latestReportAt = Math.max(chosen.latestReportAt, occurredAt);
      assignment[report.index] = chosen.id;
    } else {
      const estimate = addToEstimate({ lat: null, lon: null, precision: 'none', count: 0 }, point, 'pin');
      const cluster = {
        id: `cluster-${clusters.length}`,
        lat: estimate.lat,
        lon: estimate.lon,
        firstReportAt: occurredAt,
        latestReportAt: occurredAt,
        estimate,
      };
      clusters.push(cluster);
      assignment[report.index] = cluster.id;
    }
  }
  return assignment;
}

export interface ClusteringScore {
  /** Of the pairs put in one incident, the share that are about the same event. */
  pairwisePrecision: number;
  /** Of the pairs about the same event, the share put in one incident. */
  pairwiseRecall: number;
  bcubedPrecision: number;
  bcubedRecall: number;
  trueClusters: number;
  predictedClusters: number;
}

/** Pairwise and B-cubed precision and recall of `predicted` against `truth` (labels per item). */
export function scoreClustering(truth: readonly string[], predicted: readonly string[]): ClusteringScore {
  if (truth.length !== predicted.length) throw new Error('truth and predicted differ in length');
  const joint = new Map<string, number>();
  const trueSizes = new Map<string, number>();
  const predictedSizes = new Map<string, number>();
  truth.forEach((label, index) => {
    const guess = predicted[index]!;
    joint.set(`${label}\u0000${guess}`, (joint.get(`${label}\u0000${guess}`) ?? 0) + 1);
    trueSizes.set(label, (trueSizes.get(label) ?? 0) + 1);
    predictedSizes.set(guess, (predictedSizes.get(guess) ?? 0) + 1);
  });
  const pairs = (n: number) => (n * (n - 1)) / 2;
  let together = 0;
  let bcubedPrecision = 0;
  let bcubedRecall = 0;
  for (const [key, count] of joint) {
    const [label = '', guess = ''] = key.split('\u0000');
    together += pairs(count);
    // Each of the `count` items sees `count` correct neighbours in its predicted and true cluster.
    bcubedPrecision += (count * count) / predictedSizes.get(guess)!;
    bcubedRecall += (count * count) / trueSizes.get(label)!;
  }
  const predictedPairs = [...predictedSizes.values()].reduce((sum, n) => sum + pairs(n), 0);
  const truePairs = [...trueSizes.values()].reduce((sum, n) => sum + pairs(n), 0);
  return {
    pairwisePrecision: predictedPairs === 0 ? 1 : together / predictedPairs,
    pairwiseRecall: truePairs === 0 ? 1 : together / truePairs,
    bcubedPrecision: bcubedPrecision / truth.length,
    bcubedRecall: bcubedRecall / truth.length,
    trueClusters: trueSizes.size,
    predictedClusters: predictedSizes.size,
  };
}

/** A small, fast, seedable generator (Mulberry32): the same seed gives the same surge everywhere. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
