import { AppError } from '../../../platform/errors/app-error.ts';
import {
  boundingBoxAround,
  distanceMeters,
  lookupZip,
  zipAreaReachMeters,
  zipForPoint,
} from '../../../platform/geo/index.ts';
import type { LatLon } from '../../../platform/geo/index.ts';
import { newId } from '../../../platform/ids/ids.ts';
import { maxAreasPerSubscriber } from './subscription.contract.ts';
import type { AreaChoice } from './subscription.contract.ts';
import type { SubscriberAreasTable } from './subscription.tables.ts';

export type NewSubscriberArea = Omit<
  SubscriberAreasTable,
  'id' | 'subscriber_id' | 'network_id' | 'created_at'
>;

/**
 * Area rows for a choice of ZIP codes and/or a point with a radius. A ZIP covers the places whose
 * nearest ZIP centroid it is (within reach), the same rule as the network's ZIP areas, so an
 * alert matches a ZIP subscriber by comparing ZIP codes. ZIP_UNKNOWN names every unknown code.
 */
export function areasForChoice(choice: AreaChoice): NewSubscriberArea[] {
  const zips = [...new Set(choice.zips)];
  const unknown = zips.filter((zip) => lookupZip(zip) === null);
  if (unknown.length > 0) {
    throw new AppError(
      'ZIP_UNKNOWN',
      `Unknown ZIP code: ${unknown.join(', ')}.`,
      unknown.map((zip) => ({ path: 'zips', message: zip })),
    );
  }
  const areas = zips.map(zipArea);
  if (choice.point) areas.push(circleArea(choice.point, choice.point.radiusMeters));
  if (areas.length === 0) {
    throw new AppError('VALIDATION_FAILED', 'The request is not valid.', [
      { path: 'zips', message: 'Choose at least one ZIP code or a place.' },
    ]);
  }
  if (areas.length > maxAreasPerSubscriber) {
    throw new AppError('VALIDATION_FAILED', 'Too many areas.', [
      { path: 'zips', message: `Choose at most ${maxAreasPerSubscriber} areas.` },
    ]);
  }
  return areas;
}

export function zipArea(zip: string): NewSubscriberArea {
  const centroid = lookupZip(zip);
  if (!centroid) throw new AppError('ZIP_UNKNOWN', `Unknown ZIP code: ${zip}.`);
  const box = boundingBoxAround(centroid, zipAreaReachMeters);
  return {
    kind: 'zip',
    zip,
    lat: null,
    lon: null,
    radius_meters: null,
    min_lat: box.minLat,
    min_lon: box.minLon,
    max_lat: box.maxLat,
    max_lon: box.maxLon,
  };
}

/**
 * A subscriber's point keeps three decimals (about 100 m), as the subscribe page's script rounds
 * it on the device. Any client can call the API, so the server rounds too: no row ever holds a
 * more exact place (someone's home) than that.
 */
function roundSubscriberPoint(point: LatLon): LatLon {
  return { lat: Math.round(point.lat * 1000) / 1000, lon: Math.round(point.lon * 1000) / 1000 };
}

function circleArea(exactCenter: LatLon, radiusMeters: number): NewSubscriberArea {
  const center = roundSubscriberPoint(exactCenter);
  const box = boundingBoxAround(center, radiusMeters);
  return {
    kind: 'circle',
    zip: null,
    lat: center.lat,
    lon: center.lon,
    radius_meters: radiusMeters,
    min_lat: box.minLat,
    min_lon: box.minLon,
    max_lat: box.maxLat,
    max_lon: box.maxLon,
  };
}

/** Rows to insert; circles are rounded again, for settings that waited in `pending_settings`. */
export function toAreaRows(
  areas: readonly NewSubscriberArea[],
  subscriber: { id: string; networkId: string },
  now: number,
): SubscriberAreasTable[] {
  return areas.map((area) => ({
    ...(area.lat !== null && area.lon !== null && area.radius_meters !== null
      ? circleArea({ lat: area.lat, lon: area.lon }, area.radius_meters)
      : area),
    id: newId(),
    subscriber_id: subscriber.id,
    network_id: subscriber.networkId,
    created_at: now,
  }));
}

/** The ZIP whose subscribers an incident at this point concerns (null far from any ZIP). */
export function zipOfPoint(point: LatLon): string | null {
  return zipForPoint(point.lat, point.lon, zipAreaReachMeters)?.zip ?? null;
}

/** The exact test after the bounding-box prefilter: is the point inside this circle area? */
export function isPointInCircleArea(
  area: Pick<SubscriberAreasTable, 'lat' | 'lon' | 'radius_meters'>,
  point: LatLon,
): boolean {
  if (area.lat === null || area.lon === null || area.radius_meters === null) return false;
  return distanceMeters({ lat: area.lat, lon: area.lon }, point) <= area.radius_meters;
}
