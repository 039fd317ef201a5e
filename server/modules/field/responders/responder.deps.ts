import { serviceDepsFrom } from '../../../platform/context.ts';
import type { PlatformContext, ServiceDeps } from '../../../platform/context.ts';

export interface ResponderDeps extends ServiceDeps {
  /** AMPARO_ALLOWED_PRIVATE_ADDRESSES: push endpoints on these private addresses are accepted. */
  allowedPrivateAddresses?: readonly string[];
}

export function responderDepsFrom(context: PlatformContext): ResponderDeps {
  return { ...serviceDepsFrom(context), allowedPrivateAddresses: context.config.allowedPrivateAddresses };
}

/** Field-crypto contexts and blind-index purposes of responder columns. */
export const responderFields = {
  smsPhone: 'responder_profiles.sms_phone',
  smsPhoneIndex: 'responder_profiles.sms_phone',
  pushSubscription: 'responder_profiles.push_subscription',
  pendingSmsPhone: 'responder_profiles.pending_sms_phone',
  pendingSmsCode: 'responder_profiles.pending_sms_code',
} as const;
