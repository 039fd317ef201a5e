import { get, post } from '../../../lib/api.ts';
import type { AlertAnswer, AlertList, AlertPreview, AlertThread, PresentedAlert } from './types.ts';

export async function listAlerts(): Promise<PresentedAlert[]> {
  return (await get<AlertList>('/api/alerts')).alerts;
}

/** Drafts an alert from an incident; answers with the draft's id. */
export async function draftAlert(incidentId: string): Promise<string> {
  const { alert } = await post<AlertAnswer>('/api/alerts', { incidentId });
  return alert.id;
}

export function getAlertPreview(alertId: string): Promise<AlertPreview> {
  return get<AlertPreview>(`/api/alerts/${alertId}/preview`);
}

export async function getAlertThread(alertId: string): Promise<PresentedAlert[]> {
  return (await get<AlertThread>(`/api/alerts/${alertId}/thread`)).alerts;
}

export function approveAlert(alertId: string): Promise<unknown> {
  return post(`/api/alerts/${alertId}/approve`);
}

/** A correction is a new draft that references the alert; answers with the draft's id. */
export async function correctAlert(alertId: string, freeText: Record<string, string>): Promise<string> {
  const { alert } = await post<AlertAnswer>(`/api/alerts/${alertId}/correct`, { freeText });
  return alert.id;
}

export function cancelAlert(alertId: string, freeText: Record<string, string>): Promise<unknown> {
  return post(`/api/alerts/${alertId}/cancel`, { freeText });
}
