/**
 * A report that points at a private person (a weaponized tip): kept apart from reports so it never
 * joins an incident or the dispatch queue, readable by coordinators only, purged after 24 hours.
 * The tipster's contact is never stored.
 */
export interface FlaggedReportsTable {
  id: string;
  network_id: string;
  channel: string;
  category: string;
  language: string;
  /** JSON array of TipReason codes. */
  reasons: string;
  description_enc: string | null;
  location_text_enc: string | null;
  zip: string | null;
  source_hash: string | null;
  created_at: number;
  purge_at: number;
}

/**
 * The status link given to a weaponized tip's sender (issue 14 §8). The public status page answers
 * for it exactly as for a report nobody verified: new until `expires_at` (the network's expiry
 * time, counted as for an incident), then expired. Holds only what that page shows.
 */
export interface TipStatusDecoysTable {
  public_id: string;
  network_id: string;
  category: string;
  zip: string | null;
  first_report_at: number;
  created_at: number;
  expires_at: number;
}

declare module '../../../platform/database/schema.ts' {
  interface Database {
    tip_status_decoys: TipStatusDecoysTable;
    flagged_reports: FlaggedReportsTable;
  }
}
