import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../../../platform/context.ts';
import { registerReportFormRoutes } from './report-form.routes.ts';
import { registerReportApiRoutes } from './report.routes.ts';

/** Intake from every channel: the public form and API, operator entry; later the SMS webhook. */
export {
  findIntakeNetwork,
  formToPublicBody,
  reportDepsFrom,
  submitOperatorReport,
  submitPublicReport,
} from './report-channels.service.ts';
export { intakeGuardFor } from '../flood/index.ts';
export type { IntakeGuard } from '../flood/index.ts';
export { findExistingReportIds } from './report.repository.ts';
export { countIntakeActivity } from './report-activity.repository.ts';
// Reporter contact and retention, for the SMS hotline and intake retention (they never name `reports`).
export {
  findReportContact,
  listReachableReports,
  purgeReportText,
  purgeReporterContacts,
  recordReporterPhone,
  reportsWithContactPurged,
} from './reporter-contact.repository.ts';
export { submitReport } from './report.service.ts';
export type { ReportDeps, ReportSubmission, SubmittedReport } from './report.service.ts';
export { ipPrefixOf, normalizePhone, reportSourcePurpose, sourceHashOf } from './report-source.ts';
export type { ReportSource } from './report-source.ts';
export { statusPath, webSourceOf } from './report.routes.ts';
export { reportStatusPath } from './report-status-link.ts';
export { reportChannels } from './report.tables.ts';
export type { ReportChannel, ReportsTable } from './report.tables.ts';

export function registerReportRoutes(app: FastifyInstance, context: PlatformContext): void {
  registerReportApiRoutes(app, context);
  registerReportFormRoutes(app, context);
}
