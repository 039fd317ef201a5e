// The server's contracts, by type only (docs/adr/0017-contracts-and-web-app-shape.md).
export type {
  EvidenceExportAnswer,
  EvidenceExportApproverRole,
  EvidenceExporterRole,
  EvidenceExportList,
  EvidenceLimits,
  EvidenceLimitsAnswer,
  EvidenceList,
  LegalHoldAnswer,
  PresentedEvidence,
  PresentedEvidenceExport,
} from '../../../../../server/modules/field/evidence/evidence.contract.ts';
