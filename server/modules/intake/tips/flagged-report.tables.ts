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

declare module '../../../platform/database/schema.ts' {
  interface Database {
    flagged_reports: FlaggedReportsTable;
  }
}
