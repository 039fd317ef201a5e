/** Why a report was taken for a weaponized tip (one or more). Never shown to reporters. */
export type TipReason =
  | 'denounces_person'
  | 'wants_deportation'
  | 'accuses_status'
  | 'names_person_at_address'
  | 'points_at_household';

/** A flagged report as a coordinator of the whole network reads it (an audited read). */
export interface PresentedFlaggedReport {
  id: string;
  channel: string;
  category: string;
  language: string;
  reasons: TipReason[];
  description: string | null;
  locationText: string | null;
  zip: string | null;
  createdAt: number;
  purgeAt: number;
}

/** GET /api/flagged-reports: newest first, not yet purged. */
export interface FlaggedReportList {
  flaggedReports: PresentedFlaggedReport[];
}
