import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DialectName } from '../database/database.ts';
import type { Database } from '../database/schema.ts';
import type { JobEffectsTable, JobsTable } from './job.tables.ts';

/** Channel idle PostgreSQL workers LISTEN on; a NOTIFY is delivered only when its transaction commits. */
export const jobsChannel = 'amparo_jobs';

/** Inserts a job unless one with the same idempotency key exists. True when a row was written. */
export async function insertJob(db: Kysely<Database>, row: JobsTable): Promise<boolean> {
  const result = await db
    .insertInto('jobs')
    .values(row)
    .onConflict((conflict) => conflict.column('idempotency_key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function findJobIdByIdempotencyKey(
  db: Kysely<Database>,
  idempotencyKey: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('jobs')
    .select('id')
    .where('idempotency_key', '=', idempotencyKey)
    .executeTakeFirst();
  return row?.id;
}

export async function notifyJobWorkers(db: Kysely<Database>): Promise<void> {
  await sql`select pg_notify(${jobsChannel}, '')`.execute(db);
}

export interface ClaimInput {
  names: string[];
  limit: number;
  now: number;
  workerId: string;
  lockedUntil: number;
}

/**
 * Takes up to `limit` due jobs: pending ones whose time has come, and running ones whose worker
 * let the lease expire (it crashed). One statement, so two workers never take the same job: on
 * PostgreSQL SKIP LOCKED lets concurrent claimers pass over each other's rows; SQLite has one writer.
 */
export async function claimJobs(
  db: Kysely<Database>,
  dialect: DialectName,
  input: ClaimInput,
): Promise<JobsTable[]> {
  if (input.names.length === 0 || input.limit < 1) return [];
  const due = sql`name in (${sql.join(input.names)})
    and ((status = 'pending' and run_at <= ${input.now})
      or (status = 'running' and locked_until < ${input.now}))`;
  const claim = sql`status = 'running', locked_by = ${input.workerId},
    locked_until = ${input.lockedUntil}, attempts = attempts + 1`;
  // PostgreSQL: a materialized CTE runs the locking select exactly once (a subquery in WHERE may be
  // re-planned into a join that rescans it and takes more rows than the limit).
  const query =
    dialect === 'postgres'
      ? sql<JobsTable>`with next as materialized (
          select id from jobs where ${due} order by run_at limit ${input.limit} for update skip locked)
        update jobs set ${claim} from next where jobs.id = next.id returning jobs.*`
      : sql<JobsTable>`update jobs set ${claim}
        where id in (select id from jobs where ${due} order by run_at limit ${input.limit})
        returning *`;
  const result = await query.execute(db);
  return result.rows;
}

/** Extends the leases of jobs this worker is still running, so a long job is not taken over. */
export async function renewLeases(
  db: Kysely<Database>,
  input: { workerId: string; jobIds: string[]; lockedUntil: number },
): Promise<void> {
  if (input.jobIds.length === 0) return;
  await db
    .updateTable('jobs')
    .set({ locked_until: input.lockedUntil })
    .where('id', 'in', input.jobIds)
    .where('locked_by', '=', input.workerId)
    .where('status', '=', 'running')
    .execute();
}

/** Identifies one claim of one job: a worker whose lease was taken over can no longer write. */
export interface ClaimToken {
  jobId: string;
  workerId: string;
  attempt: number;
}

type Outcome =
  | { status: 'done'; finishedAt: number }
  | { status: 'pending'; runAt: number; lastError: string }
  | { status: 'dead'; finishedAt: number; lastError: string };

/** Records how a claimed run ended. False when the claim was lost (another worker took the job). */
export async function finishClaim(
  db: Kysely<Database>,
  token: ClaimToken,
  outcome: Outcome,
): Promise<boolean> {
  const changes =
    outcome.status === 'done'
      ? { status: outcome.status, finished_at: outcome.finishedAt }
      : outcome.status === 'pending'
        ? { status: outcome.status, run_at: outcome.runAt, last_error: outcome.lastError }
        : { status: outcome.status, finished_at: outcome.finishedAt, last_error: outcome.lastError };
  const result = await db
    .updateTable('jobs')
    .set({ ...changes, locked_by: null, locked_until: null })
    .where('id', '=', token.jobId)
    .where('locked_by', '=', token.workerId)
    .where('attempts', '=', token.attempt)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Jobs that finished successfully before `before` (their payloads name people's records). */
export async function deleteDoneJobs(db: Kysely<Database>, before: number): Promise<number> {
  const result = await db
    .deleteFrom('jobs')
    .where('status', '=', 'done')
    .where('finished_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Deletes finished jobs and the effect keys no unfinished job can still need. Returns counts. */
export async function deleteFinishedJobs(
  db: Kysely<Database>,
  finishedBefore: number,
): Promise<{ jobs: number; effects: number }> {
  const jobs = await db
    .deleteFrom('jobs')
    .where('status', 'in', ['done', 'dead'])
    .where('finished_at', '<', finishedBefore)
    .executeTakeFirst();
  const effects = await deleteSpentEffectKeys(db, finishedBefore);
  return { jobs: Number(jobs.numDeletedRows), effects };
}

/** Deletes effect keys written before `writtenBefore` that no pending or running job can still need. */
export async function deleteSpentEffectKeys(db: Kysely<Database>, writtenBefore: number): Promise<number> {
  const effects = await db
    .deleteFrom('job_effects')
    .where('created_at', '<', writtenBefore)
    .where((where) =>
      where.or([
        where('job_id', 'is', null),
        where(
          'job_id',
          'not in',
          where.selectFrom('jobs').select('id').where('status', 'in', ['pending', 'running']),
        ),
      ]),
    )
    .executeTakeFirst();
  return Number(effects.numDeletedRows);
}

/** Records an effect key. False when it was already recorded (the effect already happened). */
export async function insertEffectKey(db: Kysely<Database>, row: JobEffectsTable): Promise<boolean> {
  const result = await db
    .insertInto('job_effects')
    .values(row)
    .onConflict((conflict) => conflict.column('key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function hasEffectKey(db: Kysely<Database>, key: string): Promise<boolean> {
  const row = await db.selectFrom('job_effects').select('key').where('key', '=', key).executeTakeFirst();
  return row !== undefined;
}
