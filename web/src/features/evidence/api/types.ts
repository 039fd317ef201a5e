import type { PresentedEvidenceExport } from '../../../../../server/modules/field/evidence/evidence-export.service.ts';

/** A photo or video of an incident (GET /api/incidents/:incidentId/evidence). */
export interface EvidenceItem {
  id: string;
  kind: 'photo' | 'video';
  mediaType: string;
  sizeBytes: number;
  width: number | null;
  height: number | null;
  hasSharedCopy: boolean;
  sharedMediaType: string | null;
  receivedAt: number;
}

/** GET /api/evidence/limits. */
export interface EvidenceLimits {
  photoMaxBytes: number;
}

/** An evidence export request, as the server presents it (a type only: nothing of the server is bundled). */
export type EvidenceExport = PresentedEvidenceExport;
