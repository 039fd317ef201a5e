/** Who may see evidence and its shared copies (server evidence.deps.ts evidenceViewerRoles). */
export const evidenceViewerRoles = ['dispatcher', 'coordinator', 'advocate', 'admin'] as const;

/** Who may request an export, and download it once approved (evidenceExporterRoles). */
export const exportRequesterRoles = ['advocate', 'admin'] as const;

/** Who sees an incident's export requests and may approve another's (evidenceExportApproverRoles). */
export const exportViewerRoles = ['advocate', 'admin', 'coordinator'] as const;
