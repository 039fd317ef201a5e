import type { SignupStatus, WatchRole } from './shift.contract.ts';

export interface WatchShiftsTable {
  id: string;
  network_id: string;
  site_id: string;
  /** Local date of the first occurrence (YYYY-MM-DD) and its minute of the day, network's zone. */
  starts_on: string;
  start_minute: number;
  duration_minutes: number;
  /** RFC 5545 RRULE value without DTSTART. */
  recurrence_rule: string;
  /** Local dates skipped, comma separated ('' for none). */
  skipped_dates: string;
  min_volunteers: number;
  target_volunteers: number;
  /** Comma separated WatchRole values. */
  offered_roles: string;
  created_by: string;
  created_at: number;
}

export interface WatchSignupsTable {
  id: string;
  network_id: string;
  shift_id: string;
  starts_at: number;
  ends_at: number;
  member_id: string;
  role: WatchRole;
  status: SignupStatus;
  created_at: number;
  /** When the volunteer said they arrived and left (no location is kept). */
  checked_in_at: number | null;
  checked_out_at: number | null;
}

declare module '../../../platform/database/schema.ts' {
  interface Database {
    watch_shifts: WatchShiftsTable;
    watch_signups: WatchSignupsTable;
  }
}
