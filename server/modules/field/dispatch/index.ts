import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../../../platform/context.ts';
import { registerSmsKeywordHandler } from '../../channels/index.ts';
import { dispatchDepsFrom } from './dispatch.deps.ts';
import { registerDispatchApiRoutes } from './dispatch.routes.ts';
import { responderReplyKeywords } from './offer-code.ts';
import { handleResponderSmsReply } from './sms-replies.ts';

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
export { parseResponderReply, responderReplyKeywords } from './offer-code.ts';
export { expireOffer } from './offer-expiry.service.ts';
export { notifyResponderOfOffer } from './offer-notify.service.ts';
export { requireOwnOffer } from './offer.policy.ts';
export type { OfferRow } from './offer.repository.ts';
export { handleResponderSmsReply } from './sms-replies.ts';

export function registerDispatchRoutes(app: FastifyInstance, context: PlatformContext): void {
  registerDispatchApiRoutes(app, context);
  // Texted answers to offers (ACEPTO K7H3) arrive through the hotline's webhook and keyword router.
  const deps = dispatchDepsFrom(context);
  registerSmsKeywordHandler(context, {
    keywords: responderReplyKeywords,
    handle: async (message) => {
      const reply = await handleResponderSmsReply(deps, {
        from: message.phoneE164,
        body: message.text,
        networkId: message.networkId,
      });
      return reply === null ? { handled: false, replies: [] } : { handled: true, replies: [reply] };
    },
  });
}
