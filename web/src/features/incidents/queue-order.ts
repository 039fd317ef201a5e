import type { Incident } from './api/types.ts';

/** Highest priority first, then the one waiting longest (the server's order, kept after refetch). */
export function sortQueue(incidents: Incident[]): Incident[] {
  return [...incidents].sort((a, b) => b.priority - a.priority || a.firstReportAt - b.firstReportAt);
}
