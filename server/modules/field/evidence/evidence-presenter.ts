import type { EvidenceRow } from './evidence.repository.ts';

export interface PresentedEvidence {
  id: string;
  incidentId: string;
  offerId: string;
  uploadedBy: string;
  kind: EvidenceRow['kind'];
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  width: number | null;
  height: number | null;
  /**
   * A copy without location and device metadata: photos re-encoded, videos with their metadata
   * boxes overwritten in place. Only videos received before such copies were made lack one.
   */
  hasSharedCopy: boolean;
  sharedMediaType: string | null;
  sharedSha256: string | null;
  receivedAt: number;
}

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
