import { ApiError, get } from '../../../lib/api.ts';
import type { EvidenceLimits, EvidenceLimitsAnswer, EvidenceList, PresentedEvidence } from './types.ts';

export async function listEvidence(incidentId: string): Promise<PresentedEvidence[]> {
  return (await get<EvidenceList>(`/api/incidents/${incidentId}/evidence`)).evidence;
}

export async function getEvidenceLimits(): Promise<EvidenceLimits> {
  return (await get<EvidenceLimitsAnswer>('/api/evidence/limits')).limits;
}

/** The copy without location or device data; every fetch is written to the custody log. */
export function sharedCopyPath(item: PresentedEvidence): string {
  return `/api/evidence/${item.id}/shared`;
}

export async function fetchSharedCopy(item: PresentedEvidence): Promise<Blob> {
  const response = await fetch(sharedCopyPath(item), { credentials: 'same-origin' });
  if (!response.ok) throw new ApiError(response.status, 'HTTP_' + response.status, '');
  return response.blob();
}
