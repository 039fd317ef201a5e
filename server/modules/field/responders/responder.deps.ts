import { serviceDepsFrom } from '../../../platform/context.ts';
import type { PlatformContext, ServiceDeps } from '../../../platform/context.ts';

export interface ResponderDeps extends ServiceDeps {
  /** Host names a responder's push subscription may point at (AMPARO_PUSH_HOSTS). */
  pushHosts: readonly string[];
  /** AMPARO_ALLOWED_PRIVATE_ADDRESSES: push endpoints on these private addresses are accepted. */
  allowedPrivateAddresses?: readonly string[];
}

export function responderDepsFrom(context: PlatformContext): ResponderDeps {
  return {
    ...serviceDepsFrom(context),
    pushHosts: context.config.push.allowedHosts,
    allowedPrivateAddresses: context.config.allowedPrivateAddresses,
  };
}

/** Field-crypto contexts and blind-index purposes of responder columns. */
export const responderFields = {
  smsPhone: 'responder_profiles.sms_phone',
  smsPhoneIndex: 'responder_profiles.sms_phone',
  pushSubscription: 'responder_profiles.push_subscription',
  pendingSmsPhone: 'responder_profiles.pending_sms_phone',
  pendingSmsCode: 'responder_profiles.pending_sms_code',
} as const;

/**
 * Who registers a phone (push, SMS number) and tests it: responders for offers, and dispatchers
 * and coordinators for incident pages (issue 16 item 2; docs/adr/0028).
 */
export const pagedRoles = ['responder', 'dispatcher', 'coordinator'] as const;
