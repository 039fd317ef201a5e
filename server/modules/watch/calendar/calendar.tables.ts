export interface WatchCalendarFeedsTable {
  member_id: string;
  network_id: string;
  /** SHA-256 (hex) of the feed token; the token is in the member's URL only. */
  token_hash: string;
  created_at: number;
}

declare module '../../../platform/database/schema.ts' {
  interface Database {
    watch_calendar_feeds: WatchCalendarFeedsTable;
  }
}
