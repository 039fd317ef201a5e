/** Who may request an export, and download it once approved (server evidence.deps.ts evidenceExporterRoles). */
export const exportRequesterRoles = ['advocate', 'admin'] as const;

/** Who sees an incident's export requests and may approve another's (evidenceExportApproverRoles). */
export const exportViewerRoles = ['advocate', 'admin', 'coordinator'] as const;
