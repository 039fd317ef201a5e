import type { EvidenceExportStatus, EvidenceKind } from './evidence.contract.ts';

// The enums live in the contract (the members' app reads them); re-exported for the module's files.
export type { EvidenceExportStatus, EvidenceKind } from './evidence.contract.ts';

export interface EvidenceItemsTable {
  id: string;
  network_id: string;
  incident_id: string;
  offer_id: string;
  uploaded_by: string;
  kind: EvidenceKind;
  /** Sniffed from the bytes, never taken from the client. */
  media_type: string;
  size_bytes: number;
  /** SHA-256 (hex) of the original as received. */
  sha256: string;
  /** The file's random data key, wrapped by field crypto (so key rotation re-wraps it). */
  file_key_enc: string;
  width: number | null;
  height: number | null;
  /**
   * The shareable copy: photos re-encoded without metadata, videos with metadata boxes overwritten
   * in place (null only for videos received before those copies were made).
   */
  shared_media_type: string | null;
  shared_size_bytes: number | null;
  shared_sha256: string | null;
  /** entry_hash of the latest custody event (the head of the item's chain). */
  custody_head_hash: string | null;
  received_at: number;
  /** The uploader's phone's key for this upload (a UUID), so a retried upload finds this row. */
  client_key: string | null;
}

export type CustodyAction = 'received' | 'sanitized' | 'viewed' | 'exported';

/** Chain of custody: who did what to which evidence file, when, and the hash it had. */
export interface EvidenceCustodyEventsTable {
  id: string;
  network_id: string;
  evidence_id: string;
  incident_id: string;
  action: CustodyAction;
  actor_member_id: string | null;
  /** The original's SHA-256 (for `sanitized`, the shared copy's). */
  sha256: string;
  /** JSON of ids and internal values only. */
  detail: string;
  created_at: number;
  previous_hash: string | null;
  entry_hash: string;
}

/**
 * A two-person export of an incident's evidence bundle: requested by an advocate or admin,
 * approved by someone else, downloaded once by the requester before `expires_at`.
 */
export interface EvidenceExportsTable {
  id: string;
  network_id: string;
  incident_id: string;
  requested_by: string;
  requested_at: number;
  status: EvidenceExportStatus;
  approved_by: string | null;
  approved_at: number | null;
  downloaded_at: number | null;
  /** Pending: when the request lapses. Approved: when the download window closes. */
  expires_at: number;
  updated_at: number;
}

/** Issue 15 §2: a coordinator keeps an incident's evidence from deletion, reviewed every 90 days. */
export interface EvidenceLegalHoldsTable {
  incident_id: string;
  network_id: string;
  /** Why, in the coordinator's words (encrypted: it may name a case). */
  reason_enc: string;
  placed_by: string;
  placed_at: number;
  reviewed_by: string;
  reviewed_at: number;
  review_due_at: number;
}

declare module '../../../platform/database/schema.ts' {
  interface Database {
    evidence_legal_holds: EvidenceLegalHoldsTable;
    evidence_items: EvidenceItemsTable;
    evidence_custody_events: EvidenceCustodyEventsTable;
    evidence_exports: EvidenceExportsTable;
  }
}
