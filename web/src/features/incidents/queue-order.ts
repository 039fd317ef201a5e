import type { PresentedIncident } from './api/types.ts';

/** Highest priority first, then the one waiting longest (the server's order, kept after refetch). */
export function sortQueue(incidents: PresentedIncident[]): PresentedIncident[] {
  return [...incidents].sort((a, b) => b.priority - a.priority || a.firstReportAt - b.firstReportAt);
}
