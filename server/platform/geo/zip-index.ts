import { createRequire } from 'node:module';
import { around } from 'geokdbush';
import KDBush from 'kdbush';
import { distanceMeters } from './distance.ts';

export interface ZipCentroid {
  zip: string;
  lat: number;
  lon: number;
}

export interface NearestZip extends ZipCentroid {
  distanceMeters: number;
}

interface ZipcodesPackage {
  codes: Record<
    string,
    { zip: string; latitude: unknown; longitude: unknown; country: string; state: string }
  >;
}

/** Military mail (APO/FPO/DPO) has no place on a map; the package gives those ZIPs 0,0 or a base abroad. */
const militaryStates = new Set(['AA', 'AE', 'AP']);

interface ZipIndex {
  byZip: Map<string, ZipCentroid>;
  centroids: ZipCentroid[];
  tree: KDBush;
}

const zipFormat = /^\d{5}$/;
let index: ZipIndex | undefined;

/**
 * US ZIP centroids from the bundled `zipcodes` package (no network lookups), loaded and indexed
 * on first use only: about 42,000 points, a few megabytes, built in well under a second.
 */
function zipIndex(): ZipIndex {
  if (index) return index;
  const require = createRequire(import.meta.url);
  const { codes } = require('zipcodes') as ZipcodesPackage;
  const centroids: ZipCentroid[] = [];
  for (const entry of Object.values(codes)) {
    const { latitude: lat, longitude: lon } = entry;
    if (entry.country !== 'US' || !zipFormat.test(entry.zip)) continue;
    if (typeof lat !== 'number' || typeof lon !== 'number') continue;
    if (militaryStates.has(entry.state) || !isPlausibleUsPosition(lat, lon)) continue;
    centroids.push({ zip: entry.zip, lat, lon });
  }
  const tree = new KDBush(centroids.length);
  for (const centroid of centroids) tree.add(centroid.lon, centroid.lat);
  tree.finish();
  // A Map, not the package's object: `lookupZip('__proto__')` must not find Object.prototype.
  index = { byZip: new Map(centroids.map((centroid) => [centroid.zip, centroid])), centroids, tree };
  return index;
}

/**
 * US states and territories run from the Virgin Islands (64°W) west across the antimeridian to
 * Palau (134°E); anything else in the package is a data error (a dropped minus sign, a 0,0).
 */
function isPlausibleUsPosition(lat: number, lon: number): boolean {
  if (!Number.isFinite(lat) || !Number.isFinite(lon)) return false;
  return lat > -20 && lat < 75 && (lon <= -60 || lon >= 130);
}

export function isZipFormat(value: string): boolean {
  return zipFormat.test(value);
}

/** The centroid of a five-digit US ZIP code, or null when the code is unknown. */
export function lookupZip(zip: string): ZipCentroid | null {
  if (!zipFormat.test(zip)) return null;
  const found = zipIndex().byZip.get(zip);
  return found ? { ...found } : null;
}

/**
 * The ZIP whose centroid is nearest to the point, or null when none lies within
 * `maxDistanceMeters` (default: no limit).
 */
export function zipForPoint(lat: number, lon: number, maxDistanceMeters = Infinity): NearestZip | null {
  if (!Number.isFinite(lat) || !Number.isFinite(lon)) return null;
  const { tree, centroids } = zipIndex();
  const maxKilometers = Number.isFinite(maxDistanceMeters) ? maxDistanceMeters / 1000 : Infinity;
  const [nearestId] = around(tree, lon, lat, 1, maxKilometers);
  const nearest = nearestId === undefined ? undefined : centroids[nearestId];
  if (!nearest) return null;
  return { ...nearest, distanceMeters: distanceMeters({ lat, lon }, nearest) };
}

/** A ZIP's size is unknown here; the smallest and largest reach its centroid is taken to stand for. */
const zipRadiusBounds = { min: 1_000, max: 15_000 };

/**
 * How far from its centroid a place in the ZIP may be: the distance to the nearest other ZIP's
 * centroid (ZIPs tile the land, so a ZIP reaches about that far), between 1 and 15 km; null for an
 * unknown ZIP.
 */
export function zipRadiusMeters(zip: string): number | null {
  const centroid = lookupZip(zip);
  if (!centroid) return null;
  const { tree, centroids } = zipIndex();
  const neighbor = around(tree, centroid.lon, centroid.lat, 2)
    .map((id) => centroids[id])
    .find((other) => other !== undefined && other.zip !== zip);
  const reach = neighbor ? distanceMeters(centroid, neighbor) : zipRadiusBounds.max;
  return Math.round(Math.min(zipRadiusBounds.max, Math.max(zipRadiusBounds.min, reach)));
}
