/**
 * Counters of fixed windows shared by every app process on one database (ADR 0022). Keys name
 * what is limited (`confirmations:network:<id>`, `confirmations:addressee:<blind index>`), never an
 * address in the clear or an IP address. Platform-owned like the jobs table.
 */
export interface SharedCountersTable {
  key: string;
  window_start: number;
  count: number;
  /** When the window has ended and the row may be purged. */
  expires_at: number;
}

declare module '../database/schema.ts' {
  interface Database {
    shared_counters: SharedCountersTable;
  }
}
