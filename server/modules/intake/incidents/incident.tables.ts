import type {
  IncidentClosedReason,
  IncidentEventKind,
  IncidentOutcome,
  IncidentStatus,
  LocationPrecision,
  ReportCategory,
} from './incident.contract.ts';

// The enums live in the contract (the members' app reads them); re-exported for the module's files.
export { incidentStatuses, openIncidentStatuses, reportCategories } from './incident.contract.ts';
export type {
  IncidentClosedReason,
  IncidentEventKind,
  IncidentOutcome,
  IncidentStatus,
  LocationPrecision,
  ReportCategory,
} from './incident.contract.ts';

export interface IncidentsTable {
  id: string;
  network_id: string;
  public_id: string;
  status: IncidentStatus;
  outcome: IncidentOutcome | null;
  closed_reason: IncidentClosedReason | null;
  merged_into_id: string | null;
  category: ReportCategory;
  /** Running mean of its reports' coarse points (pins preferred over ZIP centroids). */
  lat: number | null;
  lon: number | null;
  location_precision: LocationPrecision;
  /** How far off the point may be, in meters (ADR 0036); null on incidents from before. */
  location_radius_meters?: number | null;
  /** How many reports the location estimate averages. */
  located_report_count: number;
  zip: string | null;
  report_count: number;
  /** Distinct reporters (source hashes); a report without a source counts as its own. */
  source_count: number;
  /** Earliest and latest `occurred_at` of its reports. */
  first_report_at: number;
  latest_report_at: number;
  last_received_at: number;
  priority: number;
  claimed_by: string | null;
  claimed_at: number | null;
  /** When an unverified incident (new, verifying) closes on its own; null otherwise. */
  expires_at: number | null;
  status_changed_at: number;
  closed_at: number | null;
  created_at: number;
  updated_at: number;
  /** Issue 15 §5: a coordinator withheld it from the public pages (rumor board, status, live alerts). */
  public_withheld_at: number | null;
  public_withheld_by: string | null;
  /** Why, in the coordinator's words (encrypted: it may describe the family it protects). */
  public_withheld_reason_enc: string | null;
}

/** The status history and other facts of an incident (no sensitive values in metadata). */
export interface IncidentEventsTable {
  id: string;
  network_id: string;
  incident_id: string;
  kind: IncidentEventKind;
  from_status: IncidentStatus | null;
  to_status: IncidentStatus | null;
  actor_member_id: string | null;
  metadata: string;
  created_at: number;
}

export interface IncidentNotesTable {
  id: string;
  network_id: string;
  incident_id: string;
  author_member_id: string;
  body_enc: string;
  created_at: number;
}

declare module '../../../platform/database/schema.ts' {
  interface Database {
    incidents: IncidentsTable;
    incident_events: IncidentEventsTable;
    incident_notes: IncidentNotesTable;
  }
}
