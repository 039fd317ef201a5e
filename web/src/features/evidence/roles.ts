import { listOf } from '../../lib/list-of.ts';
import type { EvidenceExportApproverRole, EvidenceExporterRole } from './api/types.ts';

/** Who may request an export, and download it once approved (the server's evidenceExporterRoles). */
export const exportRequesterRoles = listOf<EvidenceExporterRole>()(['advocate', 'admin']);

/** Who sees an incident's export requests and may approve another's (evidenceExportApproverRoles). */
export const exportViewerRoles = listOf<EvidenceExportApproverRole>()(['advocate', 'admin', 'coordinator']);
