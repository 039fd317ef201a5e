import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../../../platform/context.ts';
import { registerResponderApiRoutes } from './responder.routes.ts';

/** Responders: roster, training, on-call availability, coarse expiring location and SMS contact. */
export { onCallSourceAt, parseWindows } from './responder-availability.ts';
export type { OnCallSource } from './responder-availability.ts';
export { responderDepsFrom, responderFields } from './responder.deps.ts';
export type { ResponderDeps } from './responder.deps.ts';
export { purgeExpiredLocationsJob, purgeLocationsEveryMs } from './responder.jobs.ts';
export { forgetPushSubscription } from './responder-push.service.ts';
export { deliverTestPage, testPageJobName } from './responder-test-page.service.ts';
export { contactCodeJobName, deliverContactCode } from './responder-contact.service.ts';
export {
  coarsenLocation,
  estimatedMinutesFor,
  locationGridDegrees,
  locationLifetimeMs,
} from './responder-location.ts';
export { parseLanguages } from './responder-presenter.ts';
export { remindExpiringLocations } from './responder-location-reminder.service.ts';
export {
  findProfile as findResponderProfile,
  findProfileByPhoneIndex,
  findResponderMember,
} from './responder.repository.ts';
// Narrow reads for dispatch: it never names the responders tables itself.
export {
  findCurrentLocationsOf,
  findTrainingKindsOf,
  responderAvailability,
} from './responder-reads.repository.ts';
export { rosterRoles } from './responder-roster.service.ts';
export { timeZoneOf } from './responder.service.ts';
export type { OnCallWindow, ResponderProfilesTable, ResponderTrainingsTable } from './responder.tables.ts';

export function registerResponderRoutes(app: FastifyInstance, context: PlatformContext): void {
  registerResponderApiRoutes(app, context);
}
