import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../../../platform/context.ts';
import { registerFlaggedReportRoutes } from './flagged-report.routes.ts';

/**
 * Weaponized tips: reports that point at a private person rather than enforcement activity are
 * detected, kept out of incidents and the dispatch queue, shown only to coordinators, and purged
 * after 24 hours. The labelled generator and the scorer are exported for the benchmark.
 */
export { assessTip, flagThreshold } from './tip-detector.ts';
export type { TipAssessment, TipReason } from './tip-detector.ts';
export { scoreTipDetector } from '../../../../test/fixtures/tips/tip-scorer.ts';
export type { LabelledTip, TipScore } from '../../../../test/fixtures/tips/tip-scorer.ts';
export { generateTipSamples, seededRandom } from '../../../../test/fixtures/tips/tip-samples.ts';
export type { TipLanguage } from '../../../../test/fixtures/tips/tip-samples.ts';
export { tipHardCases } from '../../../../test/fixtures/tips/tip-hard-cases.ts';
export {
  divertWeaponizedTip,
  flaggedReportLifetimeMs,
  readTipForRelease,
  takeReleasedTip,
} from './flagged-report.service.ts';
export type { FlaggedReportDeps, ReleasedTip, TipCandidate } from './flagged-report.service.ts';
export {
  deleteDueFlaggedReports,
  deleteExpiredTipStatusDecoys,
  findTipStatusDecoy,
} from './flagged-report.repository.ts';
export type { TipStatusDecoysTable } from './flagged-report.tables.ts';

export function registerTipRoutes(app: FastifyInstance, context: PlatformContext): void {
  registerFlaggedReportRoutes(app, context);
}
