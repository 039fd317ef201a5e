export interface LatLon {
  lat: number;
  lon: number;
}

export type AreaKind = 'polygon' | 'zips' | 'circle';

/** An area of the network (GET /api/areas); roles and alerts are limited to areas. */
export interface Area {
  id: string;
  name: string;
  geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon;
  kind: AreaKind;
  definition: {
    geojson?: unknown;
    zips?: string[];
    center?: LatLon;
    radiusMeters?: number;
  };
}

export type Settings = Record<string, number | string[]>;

/** GET and PATCH /api/network. */
export interface NetworkProfile {
  id: string;
  slug: string;
  name: string;
  timezone: string;
  languages: string[];
  settings: Settings;
}

/** One entry of the hash-chained audit trail (GET /api/audit). */
export interface AuditEntry {
  id: string;
  seq: number;
  action: string;
  actorMemberId: string | null;
  objectType: string | null;
  objectId: string | null;
  metadata: unknown;
  createdAt: string | null;
}

export interface AuditPage {
  entries: AuditEntry[];
  nextCursor: string | null;
}

/** GET /api/audit/verify. */
export interface Verification {
  entries: number;
  isIntact: boolean;
  firstBrokenSeq?: number;
  reason?: string;
  headSeq: number;
  headHash: string;
}

/** An alert template of one key and language (GET /api/alert-templates). */
export interface Template {
  key: string;
  language: string;
  body: string;
  isDefault: boolean;
  updatedAt: number | null;
}

export interface TemplateList {
  templates: Template[];
  placeholders: string[];
  maxLength: number;
}

/** POST /api/alert-templates/preview: the SMS as an alert would carry it. */
export interface TemplatePreview {
  text: string;
  sms: string;
  smsSegments: number;
  smsEncoding: string;
}
