import { z } from 'zod';

/** A new incident; still unclaimed after N minutes; escalated to coordinators after M minutes. */
export const pageRounds = ['new', 'unclaimed', 'escalation'] as const;
export type PageRound = (typeof pageRounds)[number];

export const pageParamsSchema = z.object({ pageId: z.uuid() });

export interface PageAcknowledgement {
  incidentId: string;
  /** Whether the incident is now claimed by the one who acknowledged (false: someone else had it). */
  isClaimedByMe: boolean;
}
