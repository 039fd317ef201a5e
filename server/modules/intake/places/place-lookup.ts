import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import type { GazetteerPlacesTable, GazetteerStreetsTable } from './place.tables.ts';
import type { GazetteerPlace, LocatedPlace, StreetLine } from './place-locator.ts';
import { locateText } from './place-locator.ts';
import { isSameKey, parseIntersection, streetKey } from './place-text.ts';
import { selectPlaces, selectStreetKeys, selectStreetsByKeys } from './place.repository.ts';

export interface LoadedGazetteer {
  places: GazetteerPlace[];
  streets: StreetLine[];
}

function placesOf(rows: readonly GazetteerPlacesTable[]): GazetteerPlace[] {
  return rows.map((row) => ({
    name: row.name,
    key: row.name_key,
    lat: row.lat,
    lon: row.lon,
    radiusMeters: row.radius_meters,
  }));
}

function streetsOf(rows: readonly GazetteerStreetsTable[]): StreetLine[] {
  return rows.flatMap((row) =>
    (JSON.parse(row.positions) as [number, number][][]).map((positions) => ({
      name: row.name,
      key: row.name_key,
      positions,
    })),
  );
}

/**
 * The network's places and the street pieces a text could name (its one or two street keys, or
 * keys one typo away): never the whole street list, so a lookup stays cheap on every report.
 */
export async function loadGazetteer(
  db: Kysely<Database>,
  networkId: string,
  text: string,
): Promise<LoadedGazetteer> {
  const typed = [...(parseIntersection(text) ?? []), streetKey(text)];
  const [placeRows, keys] = await Promise.all([selectPlaces(db, networkId), selectStreetKeys(db, networkId)]);
  const wanted = keys.filter((key) => typed.some((typedKey) => isSameKey(typedKey, key)));
  return {
    places: placesOf(placeRows),
    streets: streetsOf(await selectStreetsByKeys(db, networkId, wanted)),
  };
}

/** Finds a typed place in a network's own lists; null when the lists do not know it. */
export async function locateInGazetteer(
  db: Kysely<Database>,
  networkId: string,
  text: string,
): Promise<LocatedPlace | null> {
  const gazetteer = await loadGazetteer(db, networkId, text);
  return locateText(text, gazetteer.places, gazetteer.streets);
}
