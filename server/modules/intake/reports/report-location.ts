import { AppError } from '../../../platform/errors/app-error.ts';
import { coarsen } from '../incidents/index.ts';
import type { LocationPrecision, Point } from '../incidents/index.ts';

/** ZIP centroids (the bundled table; no outside lookups). */
export interface ZipLookup {
  /** A ZIP code's centroid, or null when the ZIP is unknown. */
  centroidOf(zip: string): Point | null;
  /** The ZIP nearest a pin (for the coarse "near ZIP" shown publicly), or null when none is close. */
  zipNear(point: Point): string | null;
  /** How far from its centroid a place in the ZIP may be, in meters (ADR 0036). */
  radiusOf?(zip: string): number | null;
}

/** A phone or map pin with no accuracy given: a city block. */
export const defaultPinRadiusMeters = 50;

/** A typed place found in the network's own lists (places/), with its uncertainty. */
export interface FoundPlace {
  point: Point;
  radiusMeters: number;
}

export interface ResolvedLocation {
  /** Coarse point (3 decimals) for clustering and area checks. */
  point: Point | null;
  precision: LocationPrecision;
  /** How far off `point` may be, in meters; null without a point. */
  radiusMeters: number | null;
  /** The exact pin as given, to be stored encrypted. */
  exactPin: Point | null;
  /** The ZIP given, or the one nearest the pin. */
  zip: string | null;
}

/**
 * Where a report is: a pin (map, GPS, operator) wins; then the typed place when the network's
 * gazetteer or street list knows it (`found`); otherwise the ZIP's centroid; otherwise only the
 * typed address, which a dispatcher reads (the incident has no point until placed or merged). With
 * none of them the report is refused with LOCATION_REQUIRED. Each point carries its uncertainty.
 */
export function resolveLocation(
  lookupZip: ZipLookup,
  input: { location?: Point; zip?: string; locationText?: string },
  found: FoundPlace | null = null,
): ResolvedLocation {
  if (input.location) {
    return {
      point: coarsen(input.location),
      precision: 'pin',
      radiusMeters: defaultPinRadiusMeters,
      exactPin: input.location,
      zip: input.zip ?? lookupZip.zipNear(input.location),
    };
  }
  if (found) {
    // Public places, not someone's home: kept at the gazetteer's own precision (5 decimals).
    return {
      point: found.point,
      precision: 'place',
      radiusMeters: found.radiusMeters,
      exactPin: null,
      zip: input.zip ?? lookupZip.zipNear(found.point),
    };
  }
  const centroid = input.zip ? lookupZip.centroidOf(input.zip) : null;
  if (centroid && input.zip) {
    return {
      point: coarsen(centroid),
      precision: 'zip',
      radiusMeters: lookupZip.radiusOf?.(input.zip) ?? null,
      exactPin: null,
      zip: input.zip,
    };
  }
  if (input.locationText)
    return { point: null, precision: 'none', radiusMeters: null, exactPin: null, zip: null };
  if (input.zip) {
    throw new AppError('LOCATION_REQUIRED', 'We do not know that ZIP code. Add an address or intersection.', [
      { path: 'zip', message: 'unknown ZIP code' },
    ]);
  }
  throw new AppError(
    'LOCATION_REQUIRED',
    'Say where it is happening: an address, an intersection or a ZIP code.',
    [{ path: 'locationText', message: 'an address, intersection, ZIP code or map pin is required' }],
  );
}
