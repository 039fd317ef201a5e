import { PostgresAdapter } from 'kysely';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock/clock.ts';
import type { Database } from '../database/schema.ts';
import type { UnitOfWork } from '../database/unit-of-work.ts';
import { newId } from '../ids/ids.ts';
import { findJobIdByIdempotencyKey, insertJob, notifyJobWorkers } from './job.repository.ts';

/** Lets code that enqueued a job nudge this process's worker after commit (SQLite has no NOTIFY). */
export interface JobWaker {
  wake(): void;
}

export interface EnqueueJobInput<Payload> {
  /** A job name from the registry, `<module>.<verb>`. */
  name: string;
  /** Stored as plain JSON: ids and internal values only, never sensitive values. */
  payload: Payload;
  /** A second enqueue with the same key is ignored while the first job's row exists. */
  idempotencyKey?: string;
  /** Epoch ms; defaults to now. */
  runAt?: number;
  /** Overrides the job definition's maxAttempts for this one job. */
  maxAttempts?: number;
}

/** Stored when the caller does not override: the worker then applies the definition's maxAttempts. */
export const definitionMaxAttempts = 0;

const maximumPayloadBytes = 64 * 1024;

/**
 * Writes a job in the caller's transaction (outbox): it exists only if that transaction commits.
 * On PostgreSQL it also NOTIFYs idle workers, which PostgreSQL delivers only on commit. On SQLite,
 * wake the in-process worker after commit (`enqueueJobInUnitOfWork` does both).
 */
export async function enqueueJob<Payload>(
  trx: Kysely<Database>,
  clock: Clock,
  input: EnqueueJobInput<Payload>,
): Promise<{ id: string; isNew: boolean }> {
  const payload = JSON.stringify(input.payload);
  if (typeof payload !== 'string') throw new Error(`Job ${input.name}: payload is not JSON`);
  if (Buffer.byteLength(payload) > maximumPayloadBytes) {
    throw new Error(`Job ${input.name}: payload exceeds ${maximumPayloadBytes} bytes`);
  }
  const maxAttempts = input.maxAttempts ?? definitionMaxAttempts;
  if (
    input.maxAttempts !== undefined &&
    !(Number.isInteger(maxAttempts) && maxAttempts >= 1 && maxAttempts <= 100)
  ) {
    throw new Error(`Job ${input.name}: maxAttempts must be an integer from 1 to 100`);
  }
  const now = clock.now();
  const id = newId();
  const isNew = await insertJob(trx, {
    id,
    name: input.name,
    payload,
    idempotency_key: input.idempotencyKey ?? null,
    status: 'pending',
    run_at: input.runAt ?? now,
    attempts: 0,
    max_attempts: maxAttempts,
    locked_by: null,
    locked_until: null,
    last_error: null,
    created_at: now,
    finished_at: null,
  });
  if (isPostgres(trx)) await notifyJobWorkers(trx);
  if (isNew || input.idempotencyKey === undefined) return { id, isNew };
  const existingId = await findJobIdByIdempotencyKey(trx, input.idempotencyKey);
  return { id: existingId ?? id, isNew: false };
}

/** Enqueues in the unit of work and wakes the local worker once it has committed. */
export async function enqueueJobInUnitOfWork<Payload>(
  uow: UnitOfWork,
  deps: { clock: Clock; jobs: JobWaker },
  input: EnqueueJobInput<Payload>,
): Promise<{ id: string; isNew: boolean }> {
  const result = await enqueueJob(uow.trx, deps.clock, input);
  uow.afterCommit(() => deps.jobs.wake());
  return result;
}

// The caller passes only a transaction, so the dialect is read from Kysely's adapter.
function isPostgres(db: Kysely<Database>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
