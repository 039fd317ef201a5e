import { z } from 'zod';
import type { Role } from '../../identity/members/member.contract.ts';

export const offerParamsSchema = z.object({ offerId: z.uuid() });
export const incidentParamsSchema = z.object({ incidentId: z.uuid() });
export const evidenceParamsSchema = z.object({ evidenceId: z.uuid() });
export const exportParamsSchema = z.object({ exportId: z.uuid() });

export const evidenceKinds = ['photo', 'video'] as const;
export type EvidenceKind = (typeof evidenceKinds)[number];

/** As stored; an export past `expires_at` and not downloaded is shown as `expired`. */
export type EvidenceExportStatus = 'pending' | 'approved' | 'downloaded';

/** Realtime events about an incident's evidence and exports (ids, kind, hash and status only). */
export type EvidenceEventType = 'evidence.received' | 'evidence.exportRequested' | 'evidence.exportApproved';

/** Who may see evidence and its shared copies (a responder sees what they uploaded, via the offer). */
export const evidenceViewerRoles = [
  'dispatcher',
  'coordinator',
  'advocate',
  'admin',
] as const satisfies readonly Role[];

/** Who may request (and, once approved, download) an incident's evidence bundle for counsel (with a fresh step-up). */
export const evidenceExporterRoles = ['advocate', 'admin'] as const satisfies readonly Role[];
export type EvidenceExporterRole = (typeof evidenceExporterRoles)[number];

/** Who may approve someone else's export request (with a fresh step-up), and see the requests. */
export const evidenceExportApproverRoles = [
  'advocate',
  'admin',
  'coordinator',
] as const satisfies readonly Role[];
export type EvidenceExportApproverRole = (typeof evidenceExportApproverRoles)[number];

/** Who places, reviews and lifts a legal hold on an incident's evidence (with a passkey step-up). */
export const legalHoldRoles = ['coordinator'] as const satisfies readonly Role[];

/** PUT /api/incidents/:incidentId/legal-hold: why the evidence must be kept. */
export const legalHoldSchema = z.strictObject({ reason: z.string().trim().min(3).max(500) });
export type LegalHoldInput = z.infer<typeof legalHoldSchema>;

// Answers

/** GET/PUT …/legal-hold: the hold, or null; how long evidence is kept without one. */
export interface LegalHoldAnswer {
  legalHold: {
    reason: string | null;
    placedBy: string;
    placedAt: number;
    reviewedAt: number;
    reviewDueAt: number;
    isReviewOverdue: boolean;
  } | null;
}

export interface PresentedEvidence {
  id: string;
  incidentId: string;
  offerId: string;
  uploadedBy: string;
  kind: EvidenceKind;
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

/** POST /api/offers/:offerId/evidence (multipart, field `file`). */
export interface EvidenceReceipt {
  evidence: PresentedEvidence;
}

/** GET /api/incidents/:incidentId/evidence. */
export interface EvidenceList {
  evidence: PresentedEvidence[];
}

/** The upload limits this server enforces (it checks them again on every upload). */
export interface EvidenceLimits {
  photoMaxBytes: number;
  videoMaxBytes: number;
  maxPixels: number;
}

/** GET /api/evidence/limits: for the responder's phone, to refuse a too-large photo before sending. */
export interface EvidenceLimitsAnswer {
  limits: EvidenceLimits;
}

/** A two-person export request of an incident's evidence bundle. */
export interface PresentedEvidenceExport {
  id: string;
  incidentId: string;
  status: EvidenceExportStatus | 'expired';
  requestedBy: string;
  requestedAt: number;
  approvedBy: string | null;
  approvedAt: number | null;
  downloadedAt: number | null;
  expiresAt: number;
}

/** GET /api/incidents/:incidentId/evidence-exports. */
export interface EvidenceExportList {
  exports: PresentedEvidenceExport[];
}

/** POST /api/incidents/:incidentId/evidence-exports and POST /api/evidence-exports/:exportId/approve. */
export interface EvidenceExportAnswer {
  export: PresentedEvidenceExport;
}
