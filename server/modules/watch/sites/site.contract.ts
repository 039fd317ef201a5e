import { z } from 'zod';

/** Places where people are taken: courts, immigration offices and check-in locations. */
export const watchSiteKinds = ['courthouse', 'immigration_office', 'check_in'] as const;
export type WatchSiteKind = (typeof watchSiteKinds)[number];

const text = (max: number) => z.string().trim().max(max);

export const watchSiteSchema = z.strictObject({
  areaId: z.uuid(),
  kind: z.enum(watchSiteKinds),
  name: text(120).min(1),
  address: text(300).min(1),
  openingHours: text(500).default(''),
  /** What entering takes: ID, security screening, no phones in the courtroom. */
  entryRules: text(2000).default(''),
  /** What observers may and may not do there: document, never obstruct. */
  safetyNotes: text(2000).default(''),
  /** Where volunteers gather nearby, before and after. */
  rallyPoint: text(300).default(''),
});
export type WatchSiteInput = z.input<typeof watchSiteSchema>;

export const watchSiteParamsSchema = z.object({ siteId: z.uuid() });

/** The encrypted part of a site (details_enc). */
export interface WatchSiteDetails {
  address: string;
  openingHours: string;
  entryRules: string;
  safetyNotes: string;
  rallyPoint: string;
}

export interface WatchSiteView extends WatchSiteDetails {
  id: string;
  areaId: string;
  areaName: string;
  kind: WatchSiteKind;
  name: string;
  /** Whether the viewer coordinates this site's area (edits it, adds shifts). */
  canManage: boolean;
}

export interface WatchSitesAnswer {
  sites: WatchSiteView[];
  /** Areas where the viewer may add a site (none for a volunteer). */
  manageableAreas: { id: string; name: string }[];
}
