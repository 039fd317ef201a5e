import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Clock } from '../clock/clock.ts';
import type { DialectName } from '../database/database.ts';
import type { Database } from '../database/schema.ts';
import type { Logger } from '../log/logger.ts';

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
  /** Aborted when the worker gives up waiting for this job at shutdown. */
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
  // Method syntax on purpose: a registry holds definitions of different payload types.
  handle(payload: Payload, context: JobContext): Promise<void>;
}

export const defaultMaxAttempts = 10;

const jobNamePattern = /^[a-z][a-zA-Z0-9]*\.[a-z][a-zA-Z0-9]*$/;

export function defineJob<Schema extends z.ZodType>(definition: {
  name: string;
  payload: Schema;
  maxAttempts?: number;
  handle: (payload: z.output<Schema>, context: JobContext) => Promise<void>;
}): JobDefinition<z.output<Schema>> {
  if (!jobNamePattern.test(definition.name)) {
    throw new Error(`Job name "${definition.name}" must look like <module>.<verb>`);
  }
  const maxAttempts = definition.maxAttempts ?? defaultMaxAttempts;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 100) {
    throw new Error(`Job ${definition.name}: maxAttempts must be an integer from 1 to 100`);
  }
  return {
    name: definition.name,
    payload: definition.payload as z.ZodType<z.output<Schema>>,
    maxAttempts,
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
  return {
    names: [...byName.keys()],
    recurring: schedules,
    find: (name) => byName.get(name),
  };
}
