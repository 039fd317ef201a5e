import type { PlatformContext } from '../../../platform/context.ts';
import { handleSubscriptionSms, subscriptionDepsFrom } from '../../alerting/index.ts';

export interface SubscriptionSmsMessage {
  networkId: string;
  phoneE164: string;
  text: string;
  language: string;
}

/** The router's subscription branch: ALTA/JOIN, STOP/ALTO, HELP... (modules/subscriptions). */
export type SubscriptionBranch = (
  message: SubscriptionSmsMessage,
) => Promise<{ handled: boolean; replies: string[] }>;

export function subscriptionBranchFor(context: PlatformContext): SubscriptionBranch {
  const deps = subscriptionDepsFrom(context);
  return (message) => handleSubscriptionSms(deps, message);
}
