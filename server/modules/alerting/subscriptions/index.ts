import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../../../platform/context.ts';
import { registerSubscriptionApiRoutes } from './subscription.routes.ts';

/** Subscriptions: SMS keywords, Web Push, email with double opt-in; areas, language, preference. */
export { handleSubscriptionSms } from './sms-subscription.service.ts';
export type { SubscriptionSmsInput, SubscriptionSmsResult } from './sms-subscription.service.ts';
export { normalizeKeywordText, parseSubscriptionKeyword } from './sms-keywords.ts';
export { subscriptionDepsFrom } from './subscription.deps.ts';
export type { SubscriptionDeps } from './subscription.deps.ts';
export { contactIndexOf, subscriberContactContext, unsubscribeTokenFor } from './subscription-contacts.ts';
export { isPointInCircleArea, zipOfPoint } from './subscription-areas.ts';
export {
  bouncesBeforeSuspension,
  isSmsOptedOut,
  findSubscriberById,
  recordEmailBounce,
  recordSmsStopFromProvider,
  resetEmailBounces,
  updateSubscriber,
} from './subscription.repository.ts';
export { unsubscribePathFor } from './web-subscription.service.ts';
export { createSubscriptionJobs } from './subscription.jobs.ts';
export {
  subscriptionPurgeTasks,
  unconfirmedSubscriptionMaximumAgeMs,
} from './subscription-retention.jobs.ts';
export { requireNetworkBySlug } from './subscription.routes.ts';
export { countRecipients, selectRecipientPage } from './recipient.repository.ts';
export type {
  MatchingSubscriber,
  RecipientCounts,
  RecipientPhase,
  RecipientQuery,
} from './recipient.repository.ts';
export type {
  SubscriberAreasTable,
  SubscribersTable,
  SubscriptionChannel,
  SubscriptionPreference,
} from './subscription.tables.ts';

export function registerSubscriptionRoutes(app: FastifyInstance, context: PlatformContext): void {
  registerSubscriptionApiRoutes(app, context);
}
