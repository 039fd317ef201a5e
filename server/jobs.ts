import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { PlatformContext } from './platform/context.ts';
import { createJobRegistry, createJobWorker, recurring } from './platform/jobs/index.ts';
import type { JobRegistry, JobWorker } from './platform/jobs/index.ts';
import { purgeFinishedJobs, purgeFinishedJobsDaily } from './platform/jobs/index.ts';

/**
 * Every job this app runs, and the recurring schedules. A module adds its jobs here, one line
 * each (imported from its index.ts). A worker claims only the names listed, so a job enqueued by
 * a newer build waits for a worker that knows it instead of failing.
 */
export function createAppJobRegistry(): JobRegistry {
  return createJobRegistry({
    jobs: [
      purgeFinishedJobs,
      // e.g. alertDeliveryJob,
    ],
    recurring: [recurring(purgeFinishedJobs, purgeFinishedJobsDaily.everyMs, purgeFinishedJobsDaily.payload)],
  });
}

/** The worker of a process whose role is `all` or `worker`; the caller starts and stops it. */
export function createAppJobWorker(context: PlatformContext): JobWorker {
  return createJobWorker({
    db: context.database.db,
    dialect: context.database.dialect,
    postgresUrl: context.database.postgres?.url,
    registry: createAppJobRegistry(),
    clock: context.clock,
    logger: context.logger,
    concurrency: context.config.worker.concurrency,
    pollMs: context.config.worker.pollMs,
    workerId: `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`,
  });
}
