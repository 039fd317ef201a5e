/** A network's named places (landmarks, workplaces, courthouses...): public places, no person. */
export interface GazetteerPlacesTable {
  id: string;
  network_id: string;
  name: string;
  /** The name folded for matching (place-text.ts placeKey). */
  name_key: string;
  kind: string;
  lat: number;
  lon: number;
  radius_meters: number;
  created_at: number;
}

/** A network's street centerlines, one row per piece (a street comes in many pieces). */
export interface GazetteerStreetsTable {
  id: string;
  network_id: string;
  name: string;
  /** The name folded for matching (place-text.ts streetKey): "W 18th St" → "18". */
  name_key: string;
  /** JSON: a list of lines, each a list of [lon, lat] positions. */
  positions: string;
  created_at: number;
}

declare module '../../../platform/database/schema.ts' {
  interface Database {
    gazetteer_places: GazetteerPlacesTable;
    gazetteer_streets: GazetteerStreetsTable;
  }
}
