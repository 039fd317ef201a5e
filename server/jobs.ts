import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { createAlertJobs } from './modules/alerting/alerts/index.ts';
import { createDispatchJobs } from './modules/field/dispatch/index.ts';
import {
  createExpireUnverifiedIncidentsJob,
  expireUnverifiedEveryMs,
} from './modules/intake/incidents/index.ts';
import { createSubscriptionJobs } from './modules/alerting/subscriptions/index.ts';
import { intakePurgeEveryMs, purgeIntakeJob } from './modules/intake/retention/index.ts';
import { purgeRecoveryLinksEveryMs, purgeRecoveryLinksJob } from './modules/identity/members/index.ts';
import { createHotlineJobs } from './modules/channels/sms/index.ts';
import { purgeExpiredLocationsJob, purgeLocationsEveryMs } from './modules/field/responders/index.ts';
import type { PlatformContext } from './platform/context.ts';
import { createJobRegistry, createJobWorker, recurring } from './platform/jobs/index.ts';
import type { JobRegistry, JobWorker } from './platform/jobs/index.ts';
import { purgeFinishedJobs, purgeFinishedJobsDaily } from './platform/jobs/index.ts';

/**
 * Every job this app runs, and the recurring schedules. A module adds its jobs here, one line
 * each (imported from its index.ts). A worker claims only the names listed, so a job enqueued by
 * a newer build waits for a worker that knows it instead of failing.
 */
export function createAppJobRegistry(context?: PlatformContext): JobRegistry {
  // Jobs that push realtime events need this process's event bus; without one they are left out.
  const incidentExpiry = context ? createExpireUnverifiedIncidentsJob(context) : null;
  return createJobRegistry({
    jobs: [
      purgeFinishedJobs,
      ...(incidentExpiry ? [incidentExpiry] : []),
      ...(context ? createAlertJobs(context) : []),
      ...(context ? createSubscriptionJobs(context) : []),
      purgeIntakeJob,
      ...(context ? createHotlineJobs(context) : []),
      ...(context ? createDispatchJobs(context) : []),
      purgeExpiredLocationsJob,
      purgeRecoveryLinksJob,
      // e.g. alertDeliveryJob,
    ],
    recurring: [
      recurring(purgeFinishedJobs, purgeFinishedJobsDaily.everyMs, purgeFinishedJobsDaily.payload),
      ...(incidentExpiry ? [recurring(incidentExpiry, expireUnverifiedEveryMs, {})] : []),
      ...(context ? [recurring(purgeIntakeJob, intakePurgeEveryMs, {})] : []),
      recurring(purgeExpiredLocationsJob, purgeLocationsEveryMs, {}),
      recurring(purgeRecoveryLinksJob, purgeRecoveryLinksEveryMs, {}),
    ],
  });
}

/** The worker of a process whose role is `all` or `worker`; the caller starts and stops it. */
export function createAppJobWorker(context: PlatformContext): JobWorker {
  return createJobWorker({
    db: context.database.db,
    dialect: context.database.dialect,
    postgresUrl: context.database.postgres?.url,
    registry: createAppJobRegistry(context),
    clock: context.clock,
    logger: context.logger,
    concurrency: context.config.worker.concurrency,
    pollMs: context.config.worker.pollMs,
    workerId: `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`,
  });
}
