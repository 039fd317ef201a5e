import type { AreaKind } from './area.contract.ts';

export interface NetworksTable {
  id: string;
  /** Short public name used in public URLs (/r/<slug>). */
  slug: string;
  name: string;
  /** IANA timezone, e.g. America/Chicago. */
  timezone: string;
  /** JSON array of BCP 47 language tags, first is the default. */
  languages: string;
  /** JSON object of per-network settings (clustering windows, retention, ...). */
  settings: string;
  created_at: number;
  /** Set by a deployment operator (ADR 0032): members cannot act, public surfaces answer "not in service". */
  suspended_at?: number | null;
}

export interface AreasTable {
  id: string;
  network_id: string;
  name: string;
  kind: AreaKind;
  /** JSON: what the admin entered (GeoJSON, ZIP list, or point and radius). */
  definition: string;
  /** JSON GeoJSON Polygon or MultiPolygon used for containment tests. */
  geometry: string;
  min_lat: number;
  min_lon: number;
  max_lat: number;
  max_lon: number;
  created_at: number;
  updated_at: number;
}

/**
 * Every network's SMS hotline numbers (E.164), one row each: the primary key makes a number belong
 * to one network in the whole deployment (issue 14 §6). Written with the `hotlineNumbers` setting.
 */
export interface HotlineNumbersTable {
  number: string;
  network_id: string;
  created_at: number;
}

declare module '../../../platform/database/schema.ts' {
  interface Database {
    hotline_numbers: HotlineNumbersTable;
    networks: NetworksTable;
    areas: AreasTable;
  }
}
