import { get, post, postForFile } from '../../../lib/api.ts';
import type { EvidenceExportAnswer, EvidenceExportList, PresentedEvidenceExport } from './types.ts';

/** The incident's export requests, newest first. */
export async function listExports(incidentId: string): Promise<PresentedEvidenceExport[]> {
  const list = await get<EvidenceExportList>(`/api/incidents/${incidentId}/evidence-exports`);
  return [...list.exports].sort((first, second) => second.requestedAt - first.requestedAt);
}

export async function requestExport(incidentId: string): Promise<PresentedEvidenceExport> {
  return (await post<EvidenceExportAnswer>(`/api/incidents/${incidentId}/evidence-exports`)).export;
}

export async function approveExport(exportId: string): Promise<PresentedEvidenceExport> {
  return (await post<EvidenceExportAnswer>(`/api/evidence-exports/${exportId}/approve`)).export;
}

/** The bundle, once: the server refuses a second download. */
export function downloadExport(exportId: string): Promise<{ blob: Blob; fileName: string | null }> {
  return postForFile(`/api/evidence-exports/${exportId}/download`);
}
