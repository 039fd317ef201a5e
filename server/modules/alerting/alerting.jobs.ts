import type { PlatformContext } from '../../platform/context.ts';
import type { JobSet } from '../../platform/jobs/index.ts';
import { createAlertJobs } from './alerts/alert.jobs.ts';
import { createSubscriptionJobs } from './subscriptions/subscription.jobs.ts';

/** Alerting's jobs (server/jobs.ts lists them): fan-out planning and delivery, email confirmations. */
export function createAlertingJobs(context: PlatformContext): JobSet {
  return { jobs: [...createAlertJobs(context), ...createSubscriptionJobs(context)], recurring: [] };
}
