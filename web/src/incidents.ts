import { post } from './api.ts';

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

export interface QueuePage {
  incidents: Incident[];
  counts: Record<string, number>;
  nextCursor: string | null;
}

export const incidentStatuses = [
  'new',
  'verifying',
  'confirmed',
  'unconfirmed',
  'false_alarm',
  'closed',
] as const;

export const reportCategories = [
  'home',
  'workplace',
  'street_stop',
  'checkpoint',
  'courthouse',
  'transport',
  'other',
] as const;

/** Highest priority first, then the one waiting longest (the server's order, kept after refetch). */
export function sortQueue(incidents: Incident[]): Incident[] {
  return [...incidents].sort((a, b) => b.priority - a.priority || a.firstReportAt - b.firstReportAt);
}

export function claimIncident(incidentId: string) {
  return post(`/api/incidents/${incidentId}/claim`, {});
}

export function changeStatus(incidentId: string, status: string) {
  return post(`/api/incidents/${incidentId}/status`, { status });
}
