import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { createAlertingJobs } from './modules/alerting/index.ts';
import { createChannelsJobs } from './modules/channels/index.ts';
import { createFieldJobs } from './modules/field/index.ts';
import { createIdentityJobs } from './modules/identity/index.ts';
import { createIntakeJobs } from './modules/intake/index.ts';
import type { PlatformContext } from './platform/context.ts';
import { createJobRegistry, createJobWorker, platformJobs } from './platform/jobs/index.ts';
import type { JobRegistry, JobSet, JobWorker } from './platform/jobs/index.ts';
import { retentionJobs } from './retention.ts';

/**
 * Every job this app runs, and the recurring schedules: one line per module, each module's jobs
 * built from this process's context (its senders, event bus and crypto). A worker claims only the
 * names listed, so a job enqueued by a newer build waits for a worker that knows it.
 */
export function createAppJobRegistry(context: PlatformContext): JobRegistry {
  const sets: JobSet[] = [
    platformJobs,
    retentionJobs,
    createIdentityJobs(context),
    createIntakeJobs(context),
    createFieldJobs(context),
    createAlertingJobs(context),
    createChannelsJobs(context),
  ];
  return createJobRegistry({
    jobs: sets.flatMap((set) => set.jobs),
    recurring: sets.flatMap((set) => set.recurring),
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
    lanes: context.config.worker.lanes,
    pollMs: context.config.worker.pollMs,
    workerId: `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`,
  });
}
