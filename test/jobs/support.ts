import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../../server/platform/database/schema.ts';
import type { JobsTable } from '../../server/platform/jobs/job.tables.ts';
import { createLogger } from '../../server/platform/log/logger.ts';
import type { Logger } from '../../server/platform/log/logger.ts';

/** Polls until `check` holds; fails with `what` after `timeoutMs`. */
export async function waitFor(
  what: string,
  check: () => Promise<boolean> | boolean,
  timeoutMs = 10_000,
  intervalMs = 20,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(intervalMs);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A logger whose JSON lines the test can read, to prove what is (not) logged. */
export function createCapturedLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  return { logger: createLogger('debug', { write: (line: string) => void lines.push(line) }), lines };
}

export function uniqueWorkerId(label = 'worker'): string {
  return `${label}-${randomBytes(4).toString('hex')}`;
}

export async function findJob(db: Kysely<Database>, id: string): Promise<JobsTable> {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** A ledger of handler executions WITHOUT a unique constraint, so a duplicate run would show. */
export async function createRunLedger(db: Kysely<Database>): Promise<void> {
  await sql`create table job_run_ledger (job_id text not null, worker_id text not null)`.execute(db);
}

export async function appendToRunLedger(
  db: Kysely<Database>,
  jobId: string,
  workerId: string,
): Promise<void> {
  await sql`insert into job_run_ledger (job_id, worker_id) values (${jobId}, ${workerId})`.execute(db);
}

export async function readRunLedger(db: Kysely<Database>): Promise<{ job_id: string; worker_id: string }[]> {
  const result = await sql<{
    job_id: string;
    worker_id: string;
  }>`select job_id, worker_id from job_run_ledger`.execute(db);
  return result.rows;
}

/** Inserts a job row as it would look at any point of its life (e.g. left running by a dead worker). */
export async function insertJobRow(
  db: Kysely<Database>,
  overrides: Partial<JobsTable> & Pick<JobsTable, 'id' | 'name'>,
): Promise<void> {
  await db
    .insertInto('jobs')
    .values({
      payload: '{}',
      idempotency_key: null,
      status: 'pending',
      run_at: 0,
      attempts: 0,
      max_attempts: 0,
      locked_by: null,
      locked_until: null,
      last_error: null,
      created_at: 0,
      finished_at: null,
      ...overrides,
    })
    .execute();
}
