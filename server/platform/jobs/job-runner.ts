import type { Kysely } from 'kysely';
import type { Clock } from '../clock/clock.ts';
import type { DialectName } from '../database/database.ts';
import type { Database } from '../database/schema.ts';
import type { Logger } from '../log/logger.ts';
import { definitionMaxAttempts } from './enqueue.ts';
import type { JobDefinition, JobRegistry } from './job-definition.ts';
import { finishClaim } from './job.repository.ts';
import type { ClaimToken } from './job.repository.ts';
import type { JobsTable } from './job.tables.ts';
import { computeRetryDelay, describeFailure } from './retry-policy.ts';
import type { RetryPolicy } from './retry-policy.ts';

export interface JobRunnerDeps {
  db: Kysely<Database>;
  dialect: DialectName;
  clock: Clock;
  logger: Logger;
  registry: JobRegistry;
  workerId: string;
  retryPolicy: RetryPolicy;
  random: () => number;
  signal: AbortSignal;
}

type Parsed = { isValid: true; payload: unknown } | { isValid: false; problem: string };

/** Runs one claimed job to an outcome (done, retry later, or dead) and records it. */
export async function runClaimedJob(deps: JobRunnerDeps, job: JobsTable): Promise<void> {
  const token: ClaimToken = { jobId: job.id, workerId: deps.workerId, attempt: job.attempts };
  const logger = deps.logger.child({ jobId: job.id, job: job.name, attempt: job.attempts });
  const definition = deps.registry.find(job.name);
  if (!definition) {
    // The claim only takes registered names; reaching this is a programming error.
    await finish(deps, logger, token, { status: 'dead', lastError: 'no handler registered' });
    return;
  }
  const maxAttempts = job.max_attempts === definitionMaxAttempts ? definition.maxAttempts : job.max_attempts;
  if (job.attempts > maxAttempts) {
    // The last allowed attempt never reported back: its worker died. Stop here, do not run again.
    await finish(deps, logger, token, {
      status: 'dead',
      lastError: job.last_error ?? 'worker stopped during the last attempt',
    });
    return;
  }
  const parsed = parsePayload(definition, job.payload);
  if (!parsed.isValid) {
    await finish(deps, logger, token, { status: 'dead', lastError: parsed.problem });
    return;
  }
  const deadline = new AbortController();
  const timer = setTimeout(
    () => deadline.abort(new JobDeadlineError(`ran past its max run time (${definition.maxRunMs} ms)`)),
    definition.maxRunMs,
  );
  try {
    const run = definition.handle(parsed.payload, {
      jobId: job.id,
      attempt: job.attempts,
      db: deps.db,
      dialect: deps.dialect,
      clock: deps.clock,
      logger,
      signal: AbortSignal.any([deps.signal, deadline.signal]),
    });
    run.catch(() => undefined); // an abandoned run may still fail later; nobody waits for it
    // A handler that ignores its signal is abandoned at the deadline: its slot in the lane and its
    // lease are released, and the attempt counts as failed (the claim token fences a late write).
    await Promise.race([run, rejectWhenAborted(deadline.signal)]);
  } catch (error) {
    const lastError = describeFailure(error);
    if (job.attempts >= maxAttempts) {
      await finish(deps, logger, token, { status: 'dead', lastError });
    } else {
      const runAt = deps.clock.now() + computeRetryDelay(job.attempts, deps.random, deps.retryPolicy);
      await finish(deps, logger, token, { status: 'pending', runAt, lastError });
    }
    return;
  } finally {
    clearTimeout(timer);
  }
  await finish(deps, logger, token, { status: 'done' });
}

/** A run stopped at its job's max run time. */
export class JobDeadlineError extends Error {
  override name = 'JobDeadlineError';
}

function rejectWhenAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
  });
}

type Result =
  | { status: 'done' }
  | { status: 'pending'; runAt: number; lastError: string }
  | { status: 'dead'; lastError: string };

async function finish(deps: JobRunnerDeps, logger: Logger, token: ClaimToken, result: Result): Promise<void> {
  const now = deps.clock.now();
  const isRecorded = await finishClaim(
    deps.db,
    token,
    result.status === 'pending' ? result : { ...result, finishedAt: now },
  );
  if (!isRecorded) {
    logger.warn('job lease was lost before it finished; another worker owns it now');
    return;
  }
  switch (result.status) {
    case 'done':
      logger.debug('job done');
      return;
    case 'pending':
      logger.warn({ error: result.lastError, retryInMs: result.runAt - now }, 'job failed; will retry');
      return;
    case 'dead':
      logger.error({ error: result.lastError }, 'job is dead; it will not be retried');
      return;
  }
}

// Reports where the payload is wrong, never what it contains.
function parsePayload(definition: JobDefinition, payload: string): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return { isValid: false, problem: 'invalid payload: not JSON' };
  }
  const result = definition.payload.safeParse(value);
  if (result.success) return { isValid: true, payload: result.data };
  const problems = result.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'} ${issue.code}`)
    .join(', ');
  return { isValid: false, problem: `invalid payload: ${problems}` };
}
