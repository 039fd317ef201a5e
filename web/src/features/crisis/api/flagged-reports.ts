import type {
  FlaggedReportList,
  PresentedFlaggedReport,
} from '../../../../../server/modules/intake/tips/flagged-report.contract.ts';
import { get } from '../../../lib/api.ts';

export type { PresentedFlaggedReport };

/** Reports taken for weaponized tips, newest first; reading them is audited by the server. */
export async function listFlaggedReports(): Promise<PresentedFlaggedReport[]> {
  return (await get<FlaggedReportList>('/api/flagged-reports')).flaggedReports;
}
