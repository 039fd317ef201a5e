import { get, post } from '../../../lib/api.ts';
import type {
  AlertAnswer,
  AlertDeliveryStatus,
  AlertList,
  AlertPreview,
  AlertThread,
  DraftAlertInput,
  PresentedAlert,
  RetractionAnswer,
  RetractionReviewAnswer,
} from './types.ts';

/** The network's alerts, newest first, with the stop switch and the areas a retraction stopped. */
export function listAlerts(): Promise<AlertList> {
  return get<AlertList>('/api/alerts');
}

/** What the composer may choose; the server's defaults fill what it leaves out. */
export type AlertDraftChoices = Partial<Omit<DraftAlertInput, 'incidentId'>>;

/** Drafts an alert from an incident; answers with the draft's id. */
export async function draftAlert(incidentId: string, choices: AlertDraftChoices = {}): Promise<string> {
  const { alert } = await post<AlertAnswer>('/api/alerts', { incidentId, ...choices });
  return alert.id;
}

/** The second person of an alert from an unverified incident confirms the override (step-up). */
export function confirmOverride(alertId: string): Promise<AlertAnswer> {
  return post<AlertAnswer>(`/api/alerts/${alertId}/confirm-override`, {});
}

/** The frozen texts of every language, their hash, segments and recipients. */
export function getAlertPreview(alertId: string): Promise<AlertPreview> {
  return get<AlertPreview>(`/api/alerts/${alertId}/preview`);
}

export async function getAlertThread(alertId: string): Promise<PresentedAlert[]> {
  return (await get<AlertThread>(`/api/alerts/${alertId}/thread`)).alerts;
}

/** Approves exactly the content previewed: the server refuses another hash (ALERT_CONTENT_CHANGED). */
export function approveAlert(alertId: string, contentHash: string): Promise<AlertAnswer> {
  return post<AlertAnswer>(`/api/alerts/${alertId}/approve`, { contentHash });
}

/** The drafter renders the draft again from the templates in use now: a new hash. */
export function rerenderAlert(alertId: string): Promise<AlertAnswer> {
  return post<AlertAnswer>(`/api/alerts/${alertId}/render`, {});
}

export type FollowUpTemplate = 'correction' | 'update' | 'allClear';

/** A correction, update or all-clear: a new draft that references the alert; answers its id. */
export async function correctAlert(
  alertId: string,
  template: FollowUpTemplate,
  freeText: Record<string, string>,
): Promise<string> {
  const { alert } = await post<AlertAnswer>(`/api/alerts/${alertId}/correct`, { template, freeText });
  return alert.id;
}

/** A cancellation with a reason: a draft a second coordinator approves; answers its id. */
export async function cancelAlert(alertId: string, freeText: Record<string, string>): Promise<string> {
  const { alert } = await post<AlertAnswer>(`/api/alerts/${alertId}/cancel`, { freeText });
  return alert.id;
}

/** The one-person retraction: fixed text at once, and the alert's areas stop until reviewed. */
export function retractAlert(alertId: string): Promise<RetractionAnswer> {
  return post<RetractionAnswer>(`/api/alerts/${alertId}/retract`, {});
}

/** A second coordinator reviews a retraction: the areas it stopped may carry alerts again. */
export function reviewRetraction(retractionId: string): Promise<RetractionReviewAnswer> {
  return post<RetractionReviewAnswer>(`/api/alerts/${retractionId}/review-retraction`, {});
}

/** Per channel: queued, throttled, sent, delivered, failed with reasons, the provider's state, an ETA. */
export function getDeliveryStatus(alertId: string): Promise<AlertDeliveryStatus> {
  return get<AlertDeliveryStatus>(`/api/alerts/${alertId}/delivery-status`);
}

/** Where the delivery report (CSV, no contact details) is downloaded from. */
export function deliveryReportUrl(alertId: string): string {
  return `/api/alerts/${alertId}/deliveries.csv`;
}
