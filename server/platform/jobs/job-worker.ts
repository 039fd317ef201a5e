import type { Kysely } from 'kysely';
import type { Clock } from '../clock/clock.ts';
import type { DialectName } from '../database/database.ts';
import type { Database } from '../database/schema.ts';
import type { Logger } from '../log/logger.ts';
import { jobLanes } from './job-definition.ts';
import type { JobLane, JobRegistry } from './job-definition.ts';
import { createJobListener } from './job-listener.ts';
import type { JobListener } from './job-listener.ts';
import { runClaimedJob } from './job-runner.ts';
import { claimJobs, renewLeases } from './job.repository.ts';
import type { JobsTable } from './job.tables.ts';
import { scheduleRecurring } from './recurring.ts';
import { defaultRetryPolicy, describeFailure } from './retry-policy.ts';
import type { RetryPolicy } from './retry-policy.ts';

export interface JobWorkerOptions {
  db: Kysely<Database>;
  dialect: DialectName;
  /** PostgreSQL only: a dedicated LISTEN connection wakes the worker on every committed enqueue. */
  postgresUrl?: string;
  registry: JobRegistry;
  clock: Clock;
  logger: Logger;
  /** Jobs run at once by this process in each lane not listed in `lanes`. */
  concurrency: number;
  /** Jobs run at once per lane: a lane full of stalled sends never takes another lane's slots. */
  lanes?: Partial<Record<JobLane, number>>;
  /** Fallback poll interval: catches retries coming due and notifications lost while disconnected. */
  pollMs: number;
  /** Unique per process, e.g. `hostname:pid:random`; written to `jobs.locked_by`. */
  workerId: string;
  /** How long a claim lasts without renewal; a crashed worker's jobs are retaken after it. */
  leaseMs?: number;
  retryPolicy?: RetryPolicy;
  random?: () => number;
}

export interface JobWorker {
  readonly workerId: string;
  start(): Promise<void>;
  /** Stops claiming and waits (at most `timeoutMs`) for running jobs; unfinished ones are retaken later. */
  stop(options?: { timeoutMs?: number }): Promise<void>;
  /** Claim now instead of at the next poll (after an in-process enqueue has committed). */
  wake(): void;
}

export const defaultLeaseMs = 30_000;

export function createJobWorker(options: JobWorkerOptions): JobWorker {
  const leaseMs = options.leaseMs ?? defaultLeaseMs;
  const logger = options.logger.child({ component: 'jobs', workerId: options.workerId });
  const abort = new AbortController();
  const runnerDeps = {
    db: options.db,
    dialect: options.dialect,
    clock: options.clock,
    logger,
    registry: options.registry,
    workerId: options.workerId,
    retryPolicy: options.retryPolicy ?? defaultRetryPolicy,
    random: options.random ?? Math.random,
    signal: abort.signal,
  };
  const running = new Map<string, Promise<void>>();
  const runningByLane = new Map<JobLane, Set<string>>(jobLanes.map((lane) => [lane, new Set<string>()]));
  const capacityOf = (lane: JobLane): number => options.lanes?.[lane] ?? options.concurrency;
  const enqueuedPeriods = new Map<string, number>();
  let state: 'new' | 'running' | 'stopped' = 'new';
  let claiming: Promise<void> | null = null;
  let hasPendingWake = false;
  let pollTimer: NodeJS.Timeout | undefined;
  let leaseTimer: NodeJS.Timeout | undefined;
  let listener: JobListener | null = null;

  const wake = (): void => {
    if (state !== 'running') return;
    if (claiming) {
      hasPendingWake = true;
      return;
    }
    hasPendingWake = false;
    claiming = claimAndRun().finally(() => {
      claiming = null;
      if (hasPendingWake) wake();
    });
  };

  // Each lane claims only its own names up to its own free slots.
  const claimAndRun = async (): Promise<void> => {
    for (const lane of jobLanes) {
      const names = options.registry.namesByLane[lane];
      const capacity = capacityOf(lane) - (runningByLane.get(lane)?.size ?? 0);
      if (names.length === 0 || capacity <= 0) continue;
      try {
        const now = options.clock.now();
        const jobs = await claimJobs(options.db, options.dialect, {
          names,
          limit: capacity,
          now,
          workerId: options.workerId,
          lockedUntil: now + leaseMs,
        });
        for (const job of jobs) track(job, lane);
      } catch (error) {
        logger.error({ error: describeFailure(error), lane }, 'claiming jobs failed');
      }
    }
  };

  const track = (job: JobsTable, lane: JobLane): void => {
    runningByLane.get(lane)?.add(job.id);
    const run = runClaimedJob(runnerDeps, job)
      .catch((error: unknown) => {
        // Recording the outcome failed (database down): the lease expires and the job is retaken.
        logger.error({ jobId: job.id, error: describeFailure(error) }, 'recording a job outcome failed');
      })
      .finally(() => {
        running.delete(job.id);
        runningByLane.get(lane)?.delete(job.id);
        wake();
      });
    running.set(job.id, run);
  };

  const poll = async (): Promise<void> => {
    try {
      await scheduleRecurring(options.db, options.clock, options.registry.recurring, enqueuedPeriods);
    } catch (error) {
      logger.error({ error: describeFailure(error) }, 'scheduling recurring jobs failed');
    }
    wake();
  };

  const renew = async (): Promise<void> => {
    try {
      await renewLeases(options.db, {
        workerId: options.workerId,
        jobIds: [...running.keys()],
        lockedUntil: options.clock.now() + leaseMs,
      });
    } catch (error) {
      logger.error({ error: describeFailure(error) }, 'renewing job leases failed');
    }
  };

  return {
    workerId: options.workerId,
    wake,
    start: async () => {
      if (state !== 'new') throw new Error('A job worker starts only once');
      state = 'running';
      if (options.dialect === 'postgres' && options.postgresUrl) {
        listener = createJobListener({
          url: options.postgresUrl,
          applicationName: `amparo-jobs ${options.workerId}`,
          logger,
          onNotification: wake,
        });
        await listener.ready;
      }
      pollTimer = setInterval(() => void poll(), options.pollMs);
      leaseTimer = setInterval(() => void renew(), Math.max(10, Math.floor(leaseMs / 3)));
      await poll();
      logger.info(
        {
          lanes: Object.fromEntries(jobLanes.map((lane) => [lane, capacityOf(lane)])),
          jobs: options.registry.names.length,
        },
        'job worker started',
      );
    },
    stop: async ({ timeoutMs = 10_000 } = {}) => {
      if (state !== 'running') {
        state = 'stopped';
        return;
      }
      state = 'stopped';
      clearInterval(pollTimer);
      await listener?.close();
      await claiming;
      const isFinished = await settlesWithin(Promise.allSettled([...running.values()]), timeoutMs);
      // Leases keep being renewed while we wait, so a slow job is not taken over mid-shutdown.
      clearInterval(leaseTimer);
      if (!isFinished) {
        abort.abort();
        logger.warn({ running: running.size }, 'stopped with jobs still running; they will be retried');
      }
      logger.info('job worker stopped');
    },
  };
}

async function settlesWithin(promise: Promise<unknown>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
