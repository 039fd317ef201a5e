import type { LocationPrecision, ReportCategory } from '../incidents/index.ts';
import type { ReportChannel } from './report.contract.ts';

// The channel enum lives in the contract (the members' app shows it); re-exported for the module.
export { reportChannels } from './report.contract.ts';
export type { ReportChannel } from './report.contract.ts';

export interface ReportsTable {
  id: string;
  network_id: string;
  incident_id: string;
  channel: ReportChannel;
  category: ReportCategory;
  /** Coarse point (3 decimals, ~100 m) used for clustering and area checks; null when unknown. */
  lat: number | null;
  lon: number | null;
  location_precision: LocationPrecision;
  /** How far off the point may be, in meters (ADR 0036); null when unknown or from before. */
  location_radius_meters?: number | null;
  /** Exact pin "lat,lon" as given by the reporter (sensitive: it can be someone's home). */
  location_point_enc: string | null;
  /** Address or intersection as typed (sensitive). */
  location_text_enc: string | null;
  zip: string | null;
  /** When it happened (defaults to when it was received); the clustering time. */
  occurred_at: number;
  description_enc: string | null;
  callback_contact_enc: string | null;
  contact_consent: number;
  /** Blind index of the reporter's phone, or a coarse day-scoped web source key; null when none. */
  source_hash: string | null;
  language: string;
  /** The hotline operator who entered it (channel operator). */
  entered_by: string | null;
  /** Set when a report points at a private person rather than enforcement (kept out of dispatch). */
  flagged_reason: string | null;
  text_purged_at: number | null;
  contact_purged_at: number | null;
  created_at: number;
}

declare module '../../../platform/database/schema.ts' {
  interface Database {
    reports: ReportsTable;
  }
}
