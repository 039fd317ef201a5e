/** The audit trail: typed, append-only, hash-chained per network, written in each change's transaction. */
export { auditActions, isAuditAction } from './audit-actions.contract.ts';
export type { AuditAction, SensitiveReadAction } from './audit-actions.contract.ts';
export type { ChainAnchor, ChainVerification } from './audit-chain.ts';
export { registerAuditRoutes } from './audit.routes.ts';
export { recordAudit, recordSensitiveRead, systemChain } from './audit.service.ts';
export type { AuditDeps, AuditInput, AuditMetadata, SensitiveReadInput } from './audit.service.ts';
export { verifyAuditChain } from './audit-verification.service.ts';
