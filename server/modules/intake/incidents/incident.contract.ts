import { z } from 'zod';
import type { Role } from '../../identity/members/member.contract.ts';
import type { ReportChannel } from '../reports/report.contract.ts';

/** What is happening; a report's category, and an incident's (from its first report). */
export const reportCategories = [
  'home',
  'workplace',
  'street_stop',
  'checkpoint',
  'courthouse',
  'transport',
  'other',
] as const;
export type ReportCategory = (typeof reportCategories)[number];

/** How a coarse point was obtained: a map pin or GPS, a ZIP centroid, or not at all (text only). */
/** `place`: a named place, intersection or street of the network's own lists (ADR 0036). */
export const locationPrecisions = ['pin', 'place', 'zip', 'none'] as const;
export type LocationPrecision = (typeof locationPrecisions)[number];

export const incidentStatuses = [
  'new',
  'verifying',
  'confirmed',
  'unconfirmed',
  'false_alarm',
  'closed',
] as const;
export type IncidentStatus = (typeof incidentStatuses)[number];

/** Statuses that still take new reports (clustering joins only these). */
export const openIncidentStatuses = [
  'new',
  'verifying',
  'confirmed',
] as const satisfies readonly IncidentStatus[];

export type IncidentOutcome = 'confirmed' | 'unconfirmed' | 'false_alarm';
export type IncidentClosedReason = 'resolved' | 'expired' | 'merged';

export type IncidentEventKind =
  | 'opened'
  | 'statusChanged'
  | 'expired'
  | 'claimed'
  | 'claimTakenOver'
  | 'claimReleased'
  | 'merged'
  | 'mergedFrom'
  | 'split'
  | 'splitFrom'
  // Issue 16: an on-duty dispatcher (or coordinator) was paged, and acknowledged the page.
  | 'paged'
  | 'pageAcknowledged'
  // Issue 15 §5: a coordinator withheld the incident from the public pages, or published it again.
  | 'withheldFromPublic'
  | 'publishedAgain';

/** Realtime events about an incident (ids, counts and states only): "refetch what you show". */
export type IncidentEventType =
  | 'incident.opened'
  | 'incident.reportAdded'
  | 'incident.statusChanged'
  | 'incident.claimed'
  | 'incident.claimReleased'
  | 'incident.merged'
  | 'incident.split'
  | 'incident.noteAdded'
  | 'incident.updated';

/** Who works incidents: every incident event goes to these roles (network-wide and per area). */
export const incidentRoles = ['dispatcher', 'coordinator'] as const satisfies readonly Role[];
export type IncidentRole = (typeof incidentRoles)[number];

export const incidentIdSchema = z.uuid();

export const incidentParamsSchema = z.object({ incidentId: incidentIdSchema });

export const queueQuerySchema = z.strictObject({
  status: z.enum([...incidentStatuses, 'active']).optional(),
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

export const detailQuerySchema = z.strictObject({
  /** Reporter callback contacts are shown only when asked for, and that read is audited. */
  includeContact: z.enum(['true', 'false']).optional(),
});

const noteBodySchema = z.string().trim().min(1).max(4000);

export const statusChangeSchema = z.strictObject({
  status: z.enum(incidentStatuses),
  note: noteBodySchema.optional(),
});

export const claimSchema = z.strictObject({ takeOver: z.boolean().optional() });

export const noteSchema = z.strictObject({ body: noteBodySchema });

export const mergeSchema = z.strictObject({ intoIncidentId: incidentIdSchema });

/** POST /api/incidents/:incidentId/location: where a dispatcher places it on the map (ADR 0036). */
export const placeIncidentSchema = z.strictObject({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
});

/** The placed incident, and the incident it joined when one was already there (then it is merged). */
export interface PlacedIncident {
  incident: PresentedIncident;
  mergedIntoId: string | null;
}

export const splitSchema = z.strictObject({ reportIds: z.array(z.uuid()).min(1).max(500) });

// Answers

export interface ClaimHolder {
  memberId: string;
  displayName: string | null;
}

/** An incident as dispatchers see it in the queue and the detail view. */
export interface PresentedIncident {
  id: string;
  publicId: string;
  status: IncidentStatus;
  outcome: IncidentOutcome | null;
  closedReason: IncidentClosedReason | null;
  mergedIntoId: string | null;
  category: ReportCategory;
  priority: number;
  location: {
    lat: number;
    lon: number;
    precision: LocationPrecision;
    /** How far off the point may be, in meters (null: not known, from before issue 25). */
    radiusMeters?: number | null;
  } | null;
  /**
   * Known only to a ZIP, a long street or a typed address nobody could place: it joins nothing by
   * distance and waits in the "location unclear" lane until a dispatcher places it (ADR 0036).
   */
  isLocationUnclear: boolean;
  zip: string | null;
  reportCount: number;
  sourceCount: number;
  firstReportAt: number;
  latestReportAt: number;
  lastReceivedAt: number;
  claim: (ClaimHolder & { claimedAt: number }) | null;
  expiresAt: number | null;
  statusChangedAt: number;
  closedAt: number | null;
  createdAt: number;
}

/** GET /api/incidents. */
export interface QueuePage {
  incidents: PresentedIncident[];
  /** Incidents per status among those the caller may see. */
  counts: Record<IncidentStatus, number>;
  nextCursor: string | null;
}

/** One report of an incident's timeline, decrypted for the dispatcher. */
export interface TimelineReport {
  id: string;
  channel: ReportChannel;
  category: ReportCategory;
  occurredAt: number;
  receivedAt: number;
  language: string;
  location: { lat: number; lon: number } | null;
  locationPrecision: LocationPrecision;
  /** The reporter's own pin; null when none, or unreadable. */
  exactLocation: { lat: number; lon: number } | null;
  locationText: string | null;
  zip: string | null;
  description: string | null;
  hasCallbackContact: boolean;
  contactConsent: boolean;
  /** Only with `?includeContact=true` (an audited read). */
  callbackContact?: string | null;
  enteredBy: string | null;
  isFlagged: boolean;
  isTextPurged: boolean;
}

/** One fact of the incident's status history. */
export interface IncidentHistoryEntry {
  id: string;
  kind: IncidentEventKind;
  fromStatus: IncidentStatus | null;
  toStatus: IncidentStatus | null;
  actorMemberId: string | null;
  metadata: Record<string, unknown>;
  at: number;
}

/** GET /api/incidents/:incidentId. */
export interface IncidentDetail {
  incident: PresentedIncident;
  reports: TimelineReport[];
  history: IncidentHistoryEntry[];
  /** Issue 15 §5: withheld from the public pages by a coordinator (when, who, why); null when public. */
  publicWithholding: PublicWithholding | null;
}

export interface PublicWithholding {
  withheldAt: number;
  withheldBy: ClaimHolder | null;
  /** The coordinator's reason; null when it can no longer be read (a retired key). */
  reason: string | null;
}

/** POST /api/incidents/:incidentId/withhold: why it must not be on the public pages. */
export const withholdSchema = z.strictObject({ reason: z.string().trim().min(3).max(500) });
export type WithholdInput = z.infer<typeof withholdSchema>;

/** POST …/status, …/claim, …/release and …/merge: the incident as it is now. */
export interface IncidentAnswer {
  incident: PresentedIncident;
}

/** POST /api/incidents/:incidentId/split: the incident kept, and the one the reports moved to. */
export interface SplitAnswer {
  incident: PresentedIncident;
  newIncident: PresentedIncident;
}

/** A note of the incident's internal thread. */
export interface PresentedNote {
  id: string;
  /** null when it cannot be read (a retired key). */
  body: string | null;
  author: ClaimHolder;
  createdAt: number;
}

/** GET /api/incidents/:incidentId/notes. */
export interface NoteList {
  notes: PresentedNote[];
}

/** POST /api/incidents/:incidentId/notes. */
export interface AddedNote {
  note: PresentedNote;
}
