import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Clock } from '../clock/clock.ts';
import type { DialectName } from '../database/database.ts';
import type { Database } from '../database/schema.ts';
import type { Logger } from '../log/logger.ts';

/**
 * The worker lanes (docs/adr/0021): each has its own concurrency, so a slow provider or a long
 * purge fills only its own lane and never holds intake, dispatch or another channel.
 */
export const jobLanes = ['sms', 'push', 'email', 'dispatch', 'intake', 'alerting', 'housekeeping'] as const;
export type JobLane = (typeof jobLanes)[number];

/** How long a job of each lane may run before it is failed (and retried): never renewed forever. */
export const defaultMaxRunMs: Record<JobLane, number> = {
  sms: 60_000,
  push: 60_000,
  email: 60_000,
  dispatch: 60_000,
  intake: 60_000,
  alerting: 5 * 60_000,
  housekeeping: 10 * 60_000,
};

/** What a handler gets besides its payload. */
export interface JobContext {
  jobId: string;
  /** 1 on the first try; a retry (or a job taken over from a crashed worker) sees a higher number. */
  attempt: number;
  db: Kysely<Database>;
  dialect: DialectName;
  clock: Clock;
  /** Already carries the job id and name; never log the payload's sensitive values. */
  logger: Logger;
  /** Aborted when the job reaches its max run time, or the worker gives up waiting at shutdown. */
  signal: AbortSignal;
}

/**
 * A job: a command named `<module>.<verb>` with a zod payload. Handlers run at least once, so they
 * must be idempotent: make database effects exactly-once with `runEffectOnce`, and key external
 * effects (an SMS) so a retry does not repeat them.
 */
export interface JobDefinition<Payload = unknown> {
  readonly name: string;
  readonly payload: z.ZodType<Payload>;
  readonly maxAttempts: number;
  readonly lane: JobLane;
  /** Wall-clock limit of one run; past it the run is abandoned and counts as a failed attempt. */
  readonly maxRunMs: number;
  // Method syntax on purpose: a registry holds definitions of different payload types.
  handle(payload: Payload, context: JobContext): Promise<void>;
}

export const defaultMaxAttempts = 10;

const jobNamePattern = /^[a-z][a-zA-Z0-9]*\.[a-z][a-zA-Z0-9]*$/;

export function defineJob<Schema extends z.ZodType>(definition: {
  name: string;
  payload: Schema;
  maxAttempts?: number;
  /** Defaults to `housekeeping`; every job that talks to people or providers names its lane. */
  lane?: JobLane;
  maxRunMs?: number;
  handle: (payload: z.output<Schema>, context: JobContext) => Promise<void>;
}): JobDefinition<z.output<Schema>> {
  if (!jobNamePattern.test(definition.name)) {
    throw new Error(`Job name "${definition.name}" must look like <module>.<verb>`);
  }
  const maxAttempts = definition.maxAttempts ?? defaultMaxAttempts;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 100) {
    throw new Error(`Job ${definition.name}: maxAttempts must be an integer from 1 to 100`);
  }
  const lane = definition.lane ?? 'housekeeping';
  const maxRunMs = definition.maxRunMs ?? defaultMaxRunMs[lane];
  if (!Number.isInteger(maxRunMs) || maxRunMs < 10 || maxRunMs > 60 * 60_000) {
    throw new Error(`Job ${definition.name}: maxRunMs must be a whole number from 10 ms to an hour`);
  }
  return {
    name: definition.name,
    payload: definition.payload as z.ZodType<z.output<Schema>>,
    maxAttempts,
    lane,
    maxRunMs,
    handle: definition.handle,
  };
}

/** A job enqueued once per period by every worker, deduplicated by `<name>:<periodStart>`. */
export interface RecurringJob {
  job: JobDefinition;
  everyMs: number;
  payload: unknown;
}

export function recurring<Payload>(
  job: JobDefinition<Payload>,
  everyMs: number,
  payload: Payload,
): RecurringJob {
  return { job, everyMs, payload };
}

/** A module's share of the registry: its jobs and the schedules of the recurring ones. */
export interface JobSet {
  jobs: JobDefinition[];
  recurring: RecurringJob[];
}

export interface JobRegistry {
  /** Names the worker may claim: a job unknown to this build stays pending for one that knows it. */
  readonly names: string[];
  /** The names of each lane's jobs (a lane without jobs has an empty list). */
  readonly namesByLane: Record<JobLane, string[]>;
  readonly recurring: RecurringJob[];
  find(name: string): JobDefinition | undefined;
}

/** Checks the list once at start-up (duplicate names, bad schedules) so mistakes fail fast. */
export function createJobRegistry(input: { jobs: JobDefinition[]; recurring?: RecurringJob[] }): JobRegistry {
  const byName = new Map<string, JobDefinition>();
  for (const job of input.jobs) {
    if (byName.has(job.name)) throw new Error(`Job ${job.name} is defined twice`);
    byName.set(job.name, job);
  }
  const schedules = input.recurring ?? [];
  for (const schedule of schedules) {
    if (byName.get(schedule.job.name) !== schedule.job) {
      throw new Error(`Recurring job ${schedule.job.name} is not in the registry`);
    }
    if (!Number.isInteger(schedule.everyMs) || schedule.everyMs < 1000) {
      throw new Error(`Recurring job ${schedule.job.name}: everyMs must be a whole number ≥ 1000`);
    }
    if (!schedule.job.payload.safeParse(schedule.payload).success) {
      throw new Error(`Recurring job ${schedule.job.name}: payload does not match its schema`);
    }
  }
  const namesByLane = Object.fromEntries(jobLanes.map((lane) => [lane, [] as string[]])) as Record<
    JobLane,
    string[]
  >;
  for (const job of byName.values()) namesByLane[job.lane].push(job.name);
  return {
    names: [...byName.keys()],
    namesByLane,
    recurring: schedules,
    find: (name) => byName.get(name),
  };
}
