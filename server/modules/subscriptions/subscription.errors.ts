import { registerErrorCodes } from '../../platform/errors/app-error.ts';

registerErrorCodes({
  ZIP_UNKNOWN: 400,
  PUSH_SUBSCRIPTION_INVALID: 400,
  CROSS_SITE_REQUEST: 403,
  NETWORK_NOT_FOUND: 404,
  /** An unsubscribe or confirmation link that is unknown, altered or expired. */
  SUBSCRIPTION_LINK_INVALID: 404,
  SUBSCRIBER_NOT_FOUND: 404,
});
