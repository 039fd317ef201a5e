import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import type { GazetteerPlace, LocatedPlace, StreetLine } from './place-locator.ts';
import { locateText } from './place-locator.ts';
import { selectPlaces, selectStreets } from './place.repository.ts';

export interface LoadedGazetteer {
  places: GazetteerPlace[];
  streets: StreetLine[];
}

/** A network's places and street pieces, read for matching (every street piece of each line). */
export async function loadGazetteer(db: Kysely<Database>, networkId: string): Promise<LoadedGazetteer> {
  const [placeRows, streetRows] = await Promise.all([
    selectPlaces(db, networkId),
    selectStreets(db, networkId),
  ]);
  return {
    places: placeRows.map((row) => ({
      name: row.name,
      key: row.name_key,
      lat: row.lat,
      lon: row.lon,
      radiusMeters: row.radius_meters,
    })),
    streets: streetRows.flatMap((row) =>
      (JSON.parse(row.positions) as [number, number][][]).map((positions) => ({
        name: row.name,
        key: row.name_key,
        positions,
      })),
    ),
  };
}

/** Finds a typed place in a network's own lists; null when the lists do not know it. */
export async function locateInGazetteer(
  db: Kysely<Database>,
  networkId: string,
  text: string,
): Promise<LocatedPlace | null> {
  const gazetteer = await loadGazetteer(db, networkId);
  return locateText(text, gazetteer.places, gazetteer.streets);
}
