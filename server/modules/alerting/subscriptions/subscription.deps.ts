import { serviceDepsFrom } from '../../../platform/context.ts';
import type { PlatformContext, ServiceDeps } from '../../../platform/context.ts';
import type { JobWaker } from '../../../platform/jobs/index.ts';

export interface SubscriptionDeps extends ServiceDeps {
  jobs: JobWaker;
  /** Links in confirmation emails and unsubscribe pages. */
  publicUrl: string;
  /** AMPARO_ALLOWED_PRIVATE_ADDRESSES: push endpoints on these private addresses are accepted. */
  allowedPrivateAddresses?: readonly string[];
}

export function subscriptionDepsFrom(context: PlatformContext): SubscriptionDeps {
  return {
    ...serviceDepsFrom(context),
    jobs: context.jobs,
    publicUrl: context.config.publicUrl,
    allowedPrivateAddresses: context.config.allowedPrivateAddresses,
  };
}
