import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../../../platform/context.ts';
import { registerAlertApiRoutes } from './alert.routes.ts';
import { registerPublicAlertRoutes } from './public-alert.routes.ts';

/** Verified alerts: drafting, two-person approval, fan-out by SMS, push and email, CAP and Atom. */
export { createAlertJobs } from './alert.jobs.ts';
export { countSmsSegments, isGsm7 } from './sms-segments.ts';
export type { SmsEncoding, SmsSegmentCount } from './sms-segments.ts';
export { deliveryTimeFor, isQuietTime, quietHours } from './quiet-hours.ts';
export { planAlert, deliveryJobNames, planBatchSize } from './alert-planner.service.ts';
export { planJobName } from './alert-approval.service.ts';
export { countAlertingActivity } from './alert-activity.repository.ts';
export { alertPurgeTasks } from './alert-retention.jobs.ts';
export type { AlertDeliveriesTable, AlertsTable, DeliveryChannel, DeliveryStatus } from './alert.tables.ts';

export function registerAlertRoutes(app: FastifyInstance, context: PlatformContext): void {
  registerAlertApiRoutes(app, context);
  registerPublicAlertRoutes(app, context);
}
