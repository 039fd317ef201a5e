import type { WatchSiteKind } from './site.contract.ts';

export interface WatchSitesTable {
  id: string;
  network_id: string;
  area_id: string;
  kind: WatchSiteKind;
  name: string;
  /** Field crypto (`watch_sites.details`): JSON of WatchSiteDetails. */
  details_enc: string;
  created_by: string;
  created_at: number;
  updated_at: number;
}

declare module '../../../platform/database/schema.ts' {
  interface Database {
    watch_sites: WatchSitesTable;
  }
}
