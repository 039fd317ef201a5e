import type { PresentedEvidence } from './evidence.contract.ts';
import type { EvidenceRow } from './evidence.repository.ts';

export type { PresentedEvidence } from './evidence.contract.ts';

export function presentEvidence(row: EvidenceRow): PresentedEvidence {
  return {
    id: row.id,
    incidentId: row.incident_id,
    offerId: row.offer_id,
    uploadedBy: row.uploaded_by,
    kind: row.kind,
    mediaType: row.media_type,
    sizeBytes: Number(row.size_bytes),
    sha256: row.sha256,
    width: row.width,
    height: row.height,
    hasSharedCopy: row.shared_sha256 !== null,
    sharedMediaType: row.shared_media_type,
    sharedSha256: row.shared_sha256,
    receivedAt: row.received_at,
  };
}
