import { get, post, postForFile } from '../../../lib/api.ts';
import type { EvidenceExport } from './types.ts';

/** The incident's export requests, newest first. */
export async function listExports(incidentId: string): Promise<EvidenceExport[]> {
  const list = await get<{ exports: EvidenceExport[] }>(`/api/incidents/${incidentId}/evidence-exports`);
  return [...list.exports].sort((first, second) => second.requestedAt - first.requestedAt);
}

export function requestExport(incidentId: string): Promise<EvidenceExport> {
  return post<EvidenceExport>(`/api/incidents/${incidentId}/evidence-exports`);
}

export function approveExport(exportId: string): Promise<EvidenceExport> {
  return post<EvidenceExport>(`/api/evidence-exports/${exportId}/approve`);
}

/** The bundle, once: the server refuses a second download. */
export function downloadExport(exportId: string): Promise<{ blob: Blob; fileName: string | null }> {
  return postForFile(`/api/evidence-exports/${exportId}/download`);
}
