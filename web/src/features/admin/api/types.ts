// The server's contracts, by type only (docs/adr/0017-contracts-and-web-app-shape.md).
export type {
  Area,
  AreaKind,
  AreaList,
  LatLon,
} from '../../../../../server/modules/identity/networks/area.contract.ts';
export type {
  NetworkProfile,
  NetworkSettingBounds,
  NetworkSettings,
  SupportedLanguage,
} from '../../../../../server/modules/identity/networks/network.contract.ts';
export type { AuditAction } from '../../../../../server/modules/identity/audit/audit-actions.contract.ts';
export type {
  AuditActionList,
  AuditEntry,
  AuditEntryPage,
  ChainVerification,
} from '../../../../../server/modules/identity/audit/audit.contract.ts';
export type {
  PresentedProposal,
  PresentedProposalLanguage,
  PresentedTemplate,
  ProposalAnswer,
  ProposalList,
  TemplateList,
  TemplatePreview,
  WordDiffPart,
} from '../../../../../server/modules/alerting/alerts/alert-template.contract.ts';
