import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../../../platform/context.ts';
import { registerDispatchApiRoutes } from './dispatch.routes.ts';

/** Dispatch: suggestions, offers that escalate, responder answers, progress and on-scene outcomes. */
export { dispatchDepsFrom, dispatcherRoles } from './dispatch.deps.ts';
export type { DispatchDeps } from './dispatch.deps.ts';
export { createDispatchJobs } from './dispatch.jobs.ts';
export {
  activeOfferStatuses,
  offerStatuses,
  onSceneOutcomes,
  workingOfferStatuses,
} from './dispatch.tables.ts';
export type { DispatchOffersTable, OfferStatus, OnSceneOutcome } from './dispatch.tables.ts';
export { findNearestAvailableResponders, searchRadiiMeters, speaks } from './nearest.ts';
export type { NearestResponder, NearestResponderQuery } from './nearest.ts';
export { parseResponderReply } from './offer-code.ts';
export { expireOffer } from './offer-expiry.service.ts';
export { notifyResponderOfOffer } from './offer-notify.service.ts';
export { requireOwnOffer } from './offer.policy.ts';
export type { OfferRow } from './offer.repository.ts';
export { handleResponderSmsReply } from './sms-replies.ts';

export function registerDispatchRoutes(app: FastifyInstance, context: PlatformContext): void {
  // Texted answers to offers (ACEPTO K7H3) reach handleResponderSmsReply through the hotline's
  // declared keyword router (channels/sms/sms-keywords.ts).
  registerDispatchApiRoutes(app, context);
}
