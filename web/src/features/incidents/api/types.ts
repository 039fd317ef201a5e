/** The incident statuses, in the order the page offers them (server incident.tables.ts). */
export const incidentStatuses = [
  'new',
  'verifying',
  'confirmed',
  'unconfirmed',
  'false_alarm',
  'closed',
] as const;

/** Report categories (server incident.tables.ts reportCategories). */
export const reportCategories = [
  'home',
  'workplace',
  'street_stop',
  'checkpoint',
  'courthouse',
  'transport',
  'other',
] as const;

/** An incident as the queue and the incident page present it. */
export interface Incident {
  id: string;
  publicId: string;
  status: string;
  category: string;
  priority: number;
  location: { lat: number; lon: number; precision: string } | null;
  zip: string | null;
  reportCount: number;
  sourceCount: number;
  firstReportAt: number;
  latestReportAt: number;
  claim: { memberId: string; displayName: string | null; claimedAt: number } | null;
}

/** GET /api/incidents. */
export interface QueuePage {
  incidents: Incident[];
  counts: Record<string, number>;
  nextCursor: string | null;
}

/** One report of an incident's timeline. */
export interface TimelineReport {
  id: string;
  channel: string;
  category: string;
  occurredAt: number;
  locationText: string | null;
  zip: string | null;
  description: string | null;
  isFlagged: boolean;
}

/** GET /api/incidents/:incidentId. */
export interface IncidentDetail {
  incident: Incident & { mergedIntoId: string | null; closedReason: string | null };
  reports: TimelineReport[];
}

/** GET /api/incidents/:incidentId/notes. */
export interface Note {
  id: string;
  body: string;
  createdAt: number;
  authorName?: string | null;
}

/** POST /api/incidents/:incidentId/split. */
export interface SplitAnswer {
  newIncident: { id: string };
}

/** POST /api/reports (operator entry). */
export interface OperatorReport {
  category: string;
  locationText?: string;
  zip?: string;
  description?: string;
  callerPhone?: string;
  language: string;
}
