import { AppError } from '../../../platform/errors/app-error.ts';
import { coarsen } from '../incidents/index.ts';
import type { LocationPrecision, Point } from '../incidents/index.ts';

/** ZIP centroids (the bundled table; no outside lookups). */
export interface ZipLookup {
  /** A ZIP code's centroid, or null when the ZIP is unknown. */
  centroidOf(zip: string): Point | null;
  /** The ZIP nearest a pin (for the coarse "near ZIP" shown publicly), or null when none is close. */
  zipNear(point: Point): string | null;
}

export interface ResolvedLocation {
  /** Coarse point (3 decimals) for clustering and area checks. */
  point: Point | null;
  precision: LocationPrecision;
  /** The exact pin as given, to be stored encrypted. */
  exactPin: Point | null;
  /** The ZIP given, or the one nearest the pin. */
  zip: string | null;
}

/**
 * Where a report is: a pin (map, GPS, operator) wins; otherwise the ZIP's centroid; otherwise only
 * the typed address, which a dispatcher reads (the incident has no point until merged). With none
 * of them the report is refused with LOCATION_REQUIRED.
 */
export function resolveLocation(
  lookupZip: ZipLookup,
  input: { location?: Point; zip?: string; locationText?: string },
): ResolvedLocation {
  if (input.location) {
    return {
      point: coarsen(input.location),
      precision: 'pin',
      exactPin: input.location,
      zip: input.zip ?? lookupZip.zipNear(input.location),
    };
  }
  const centroid = input.zip ? lookupZip.centroidOf(input.zip) : null;
  if (centroid) return { point: coarsen(centroid), precision: 'zip', exactPin: null, zip: input.zip ?? null };
  if (input.locationText) return { point: null, precision: 'none', exactPin: null, zip: null };
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
