import type {
  PresentedMessage,
  ReporterMessageAnswer,
  ReporterThread,
} from '../../../../../server/modules/channels/sms/thread.contract.ts';
import { get, post } from '../../../lib/api.ts';

export type { PresentedMessage };

/** The incident's texts with its consenting reporters, oldest first (an audited read). */
export async function listMessages(incidentId: string): Promise<PresentedMessage[]> {
  return (await get<ReporterThread>(`/api/incidents/${incidentId}/messages`)).messages;
}

/** Texts one consenting reporter of the incident; queued at once, sent by the SMS adapter. */
export async function sendMessage(
  incidentId: string,
  reportId: string,
  body: string,
): Promise<PresentedMessage> {
  return (await post<ReporterMessageAnswer>(`/api/incidents/${incidentId}/messages`, { reportId, body }))
    .message;
}
