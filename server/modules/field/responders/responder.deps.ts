import { serviceDepsFrom } from '../../../platform/context.ts';
import type { PlatformContext, ServiceDeps } from '../../../platform/context.ts';

export type ResponderDeps = ServiceDeps;

export function responderDepsFrom(context: PlatformContext): ResponderDeps {
  return serviceDepsFrom(context);
}

/** Field-crypto contexts and blind-index purposes of responder columns. */
export const responderFields = {
  smsPhone: 'responder_profiles.sms_phone',
  smsPhoneIndex: 'responder_profiles.sms_phone',
  pushSubscription: 'responder_profiles.push_subscription',
} as const;
