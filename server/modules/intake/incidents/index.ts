import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../../../platform/context.ts';
import { registerIncidentPublicRoutes } from './incident-public.routes.ts';
import { registerIncidentApiRoutes } from './incident.routes.ts';

/** Incidents: clustering of reports, the dispatcher queue, lifecycle, claims, notes, merge and split. */
export {
  boundingBoxAround,
  chooseIncident,
  coarsen,
  defaultClusteringSettings,
  haversineMeters,
} from './clustering.ts';
export type { ClusteringSettings, Point } from './clustering.ts';
export { attachReportToIncident } from './incident-intake.service.ts';
export { claimIncidentForPage } from './incident-claims.service.ts';
export type { IncidentOpenedHook } from './incident-opened-hook.ts';
export type { AttachedReport, IncomingReport } from './incident-intake.service.ts';
export { incidentDepsFrom } from './incident.deps.ts';
export type { IncidentDeps } from './incident.deps.ts';
export { recordIncidentChange } from './incident-changes.service.ts';
export type { IncidentChange } from './incident-changes.service.ts';
export { incidentRoles, incidentRooms } from './incident.events.ts';
export type { IncidentEventType } from './incident.events.ts';
export { canTransition, isUnverified, outcomeOf, requireTransition } from './incident-lifecycle.ts';
export { findIncidentById, updateIncidentIfStatus } from './incident.repository.ts';
export type { IncidentRow } from './incident.repository.ts';
// Narrow reads for other modules (rumors, reports, the SMS hotline): they never name `incidents`.
export {
  incidentPublicFacts,
  incidentsClosedBefore,
  incidentsNotClosed,
  incidentsNotFalseAlarm,
  incidentsWithheldFromPublic,
  listCheckedIncidents,
} from './incident-reads.repository.ts';
export type { CheckedIncident } from './incident-reads.repository.ts';
export {
  confirmedPublishedBefore,
  isHomeIncident,
  isShownInPublic,
  publicHourMs,
  publicPlaceOf,
  publicTimeOf,
} from './incident-public-view.ts';
export type { PublicPlace } from './incident-public-view.ts';
export {
  createExpireUnverifiedIncidentsJob,
  expireUnverifiedEveryMs,
  expireUnverifiedIncidents,
} from './incident-expiry.jobs.ts';
export { defaultIncidentSettings, networkIncidentSettings } from './incident-settings.ts';
export type { IncidentSettings, IncidentSettingsSource } from './incident-settings.ts';
export { categoryMessageKeys } from './incident-messages.ts';
// The one "may this principal see this incident" check: dispatch, evidence and the reporter thread
// call it with the roles their action needs.
export { requireIncidentAccess } from './incident-access.policy.ts';
export type { IncidentAccess, IncidentAccessRequest } from './incident-access.policy.ts';
export { areaIdsOfIncident } from './incident-areas.service.ts';
export { reportFieldContexts } from './report-fields.ts';
export { incidentStatuses, openIncidentStatuses, reportCategories } from './incident.tables.ts';
export type { IncidentStatus, LocationPrecision, ReportCategory } from './incident.tables.ts';

export function registerIncidentRoutes(app: FastifyInstance, context: PlatformContext): void {
  registerIncidentApiRoutes(app, context);
  registerIncidentPublicRoutes(app, context);
}
