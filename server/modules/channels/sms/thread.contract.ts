import { z } from 'zod';

/** GET and POST /api/incidents/:incidentId/messages. */
export const threadParamsSchema = z.object({ incidentId: z.string().min(1).max(100) });

/** POST /api/incidents/:incidentId/messages: a text to one consenting reporter of the incident. */
export const reporterMessageSchema = z.strictObject({
  reportId: z.string().min(1).max(100),
  body: z.string().trim().min(1).max(480),
});
export type ReporterMessageBody = z.infer<typeof reporterMessageSchema>;

/** One text of the thread with a reporter, in either direction. */
export interface PresentedMessage {
  id: string;
  reportId: string;
  direction: 'outbound' | 'inbound';
  kind: 'message' | 'outcome';
  body: string | null;
  authorMemberId: string | null;
  status: 'queued' | 'sent' | 'failed' | 'received';
  createdAt: number;
  sentAt: number | null;
}

/** GET /api/incidents/:incidentId/messages: oldest first. */
export interface ReporterThread {
  messages: PresentedMessage[];
}

/** POST /api/incidents/:incidentId/messages. */
export interface ReporterMessageAnswer {
  message: PresentedMessage;
}
