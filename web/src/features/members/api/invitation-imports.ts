import { post } from '../../../lib/api.ts';
import type { ImportPreview, ImportSent } from './types.ts';

export function previewVolunteerImport(csv: string): Promise<ImportPreview> {
  return post<ImportPreview>('/api/invitation-imports/preview', { csv });
}

export function sendVolunteerImport(csv: string): Promise<ImportSent> {
  return post<ImportSent>('/api/invitation-imports', { csv });
}
