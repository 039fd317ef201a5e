/** One area stopped by a one-person retraction until a second coordinator reviews it. */
export interface AlertAreaStopsTable {
  id: string;
  network_id: string;
  /** An area id, or '' for alerts outside every area of the network. */
  area_key: string;
  retraction_id: string;
  stopped_by: string;
  stopped_at: number;
  lifted_by: string | null;
  lifted_at: number | null;
}

/** One area's stop switch set by hand (on or off), with who, when and why (encrypted). */
export interface AlertAreaSwitchesTable {
  id: string;
  network_id: string;
  area_id: string;
  is_stopped: number;
  reason_enc: string | null;
  changed_by: string;
  changed_at: number;
}

declare module '../../../platform/database/schema.ts' {
  interface Database {
    alert_area_stops: AlertAreaStopsTable;
    alert_area_switches: AlertAreaSwitchesTable;
  }
}
