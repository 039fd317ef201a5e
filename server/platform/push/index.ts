/** Web Push (VAPID) behind a small interface; the endpoint comes from each browser subscription. */
export { isPublicHostName, parsePushSubscription } from './push-subscription.ts';
export { isAllowedPushHost, knownPushServiceHosts, parsePushHosts } from './push-hosts.ts';
export type {
  ParsedPushSubscription,
  PushSubscriptionProblem,
  WebPushSubscription,
} from './push-subscription.ts';
export {
  createPublicOnlyHttpsAgent,
  isPublicAddress,
  isReachableAddress,
  reachableOnlyLookup,
} from './public-address.ts';
export {
  createWebPushSender,
  generateVapidKeys,
  OutboundDeadlineError,
  parseRetryAfter,
  PushSendError,
} from './web-push-sender.ts';
export { loadVapidKeys, vapidPrivateKeyContext } from './vapid-keys.ts';
export type { VapidKeyDeps } from './vapid-keys.ts';
export type { VapidKeysTable } from './push.tables.ts';
export type {
  PushFailureKind,
  PushMessage,
  PushSender,
  VapidKeys,
  WebPushSenderOptions,
} from './web-push-sender.ts';
