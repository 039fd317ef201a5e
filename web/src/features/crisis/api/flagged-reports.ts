import type {
  FlaggedReportList,
  PresentedFlaggedReport,
} from '../../../../../server/modules/intake/tips/flagged-report.contract.ts';
import type { OperatorReportReceipt } from '../../../../../server/modules/intake/reports/report.contract.ts';
import { get, post, remove } from '../../../lib/api.ts';

export type { PresentedFlaggedReport };

/** Reports taken for weaponized tips, newest first; reading them is audited by the server. */
export async function listFlaggedReports(): Promise<PresentedFlaggedReport[]> {
  return (await get<FlaggedReportList>('/api/flagged-reports')).flaggedReports;
}

/** A tip that was a real report after all goes to the dispatch queue (step-up; audited). */
export function releaseFlaggedReport(id: string): Promise<OperatorReportReceipt> {
  return post<OperatorReportReceipt>(`/api/flagged-reports/${encodeURIComponent(id)}/release`);
}

/** Deleted now rather than at its 24-hour purge (step-up; audited). */
export function purgeFlaggedReport(id: string): Promise<void> {
  return remove<void>(`/api/flagged-reports/${encodeURIComponent(id)}`);
}
