import { serviceDepsFrom } from '../../../platform/context.ts';
import type { PlatformContext, ServiceDeps } from '../../../platform/context.ts';
import type { JobWaker } from '../../../platform/jobs/index.ts';

export interface SubscriptionDeps extends ServiceDeps {
  jobs: JobWaker;
  /** Links in confirmation emails and unsubscribe pages. */
  publicUrl: string;
  /** AMPARO_ALLOWED_PRIVATE_ADDRESSES: push endpoints on these private addresses are accepted. */
  allowedPrivateAddresses?: readonly string[];
  /** Host names a push subscription may point at (AMPARO_PUSH_HOSTS). */
  pushHosts: readonly string[];
  /** Hourly caps that hold across app processes (counted in the database). */
  caps: SubscriptionCaps;
}

export interface SubscriptionCaps {
  pushSubscriptionsPerNetwork: number;
  confirmationsPerNetwork: number;
  confirmationsGlobal: number;
  confirmationsPerAddressee: number;
}

export function subscriptionDepsFrom(context: PlatformContext): SubscriptionDeps {
  return {
    ...serviceDepsFrom(context),
    jobs: context.jobs,
    publicUrl: context.config.publicUrl,
    allowedPrivateAddresses: context.config.allowedPrivateAddresses,
    pushHosts: context.config.push.allowedHosts,
    caps: context.config.subscriptionCaps,
  };
}
