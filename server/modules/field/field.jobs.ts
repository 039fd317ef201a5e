import type { PlatformContext } from '../../platform/context.ts';
import { recurring } from '../../platform/jobs/index.ts';
import type { JobSet } from '../../platform/jobs/index.ts';
import { createDispatchJobs } from './dispatch/dispatch.jobs.ts';
import { createPagingJobs } from './paging/paging.jobs.ts';
import {
  createContactCodeJob,
  createLocationReminderJob,
  createTestPageJob,
  purgeExpiredLocationsJob,
  purgeLocationsEveryMs,
  remindLocationsEveryMs,
} from './responders/responder.jobs.ts';

/** The field's jobs (server/jobs.ts lists them): offer expiry and notification, expired locations. */
export function createFieldJobs(context: PlatformContext): JobSet {
  const locationReminderJob = createLocationReminderJob(context);
  return {
    jobs: [
      ...createDispatchJobs(context),
      ...createPagingJobs(context),
      purgeExpiredLocationsJob,
      createTestPageJob(context),
      createContactCodeJob(context),
      locationReminderJob,
    ],
    recurring: [
      recurring(purgeExpiredLocationsJob, purgeLocationsEveryMs, {}),
      recurring(locationReminderJob, remindLocationsEveryMs, {}),
    ],
  };
}
