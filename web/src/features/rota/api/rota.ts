import { get, post, remove } from '../../../lib/api.ts';
import type { AddExceptionInput, AddShiftInput, PageAcknowledgement, RotaAnswer } from './types.ts';

export function getRota(): Promise<RotaAnswer> {
  return get<RotaAnswer>('/api/rota');
}

export function addShift(body: AddShiftInput): Promise<{ id: string }> {
  return post<{ id: string }>('/api/rota/shifts', body);
}

export function removeShift(shiftId: string): Promise<unknown> {
  return remove(`/api/rota/shifts/${shiftId}`);
}

export function addException(body: AddExceptionInput): Promise<{ ids: string[] }> {
  return post<{ ids: string[] }>('/api/rota/exceptions', body);
}

export function removeException(exceptionId: string): Promise<unknown> {
  return remove(`/api/rota/exceptions/${exceptionId}`);
}

/** Opening a page's link: answers the page and claims the incident when nobody holds it. */
export function acknowledgePage(pageId: string): Promise<PageAcknowledgement> {
  return post<PageAcknowledgement>(`/api/pages/${pageId}/ack`);
}
