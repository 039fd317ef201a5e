import type { PageRound } from './paging.contract.ts';

export interface IncidentPagesTable {
  id: string;
  network_id: string;
  incident_id: string;
  member_id: string;
  round: PageRound;
  /** Channels tried, comma separated ('push,sms'), 'none', or 'held' (the one-a-minute limit). */
  channels: string;
  /** What an SMS reply names: `TOMO K7H3`. */
  ack_code: string;
  sent_at: number;
  acknowledged_at: number | null;
  acknowledged_via: string | null;
}

declare module '../../../platform/database/schema.ts' {
  interface Database {
    incident_pages: IncidentPagesTable;
  }
}
