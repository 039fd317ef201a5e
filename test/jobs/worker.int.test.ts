import { afterEach, beforeEach, expect, it } from 'vitest';
import { z } from 'zod';
import { createManualClock } from '../../server/platform/clock/clock.ts';
import type { DialectName } from '../../server/platform/database/database.ts';
import { newId } from '../../server/platform/ids/ids.ts';
import {
  createJobRegistry,
  createJobWorker,
  defineJob,
  enqueueJob,
} from '../../server/platform/jobs/index.ts';
import type { JobContext, JobWorker, JobWorkerOptions } from '../../server/platform/jobs/index.ts';
import { createTestDatabase, describeEachDatabase } from '../support/databases.ts';
import type { TestDatabase } from '../support/databases.ts';
import {
  appendToRunLedger,
  createCapturedLogger,
  createRunLedger,
  findJob,
  insertJobRow,
  readRunLedger,
  sleep,
  uniqueWorkerId,
  waitFor,
} from './support.ts';

describeEachDatabase('job worker', (dialect: DialectName) => {
  let database: TestDatabase;
  let clock: ReturnType<typeof createManualClock>;
  const workers: JobWorker[] = [];
  const captured = createCapturedLogger();
  const seen: { payload: unknown; attempt: number; jobId: string }[] = [];
  let behaviour: (context: JobContext) => Promise<void> = () => Promise.resolve();

  const recordJob = defineJob({
    name: 'test.record',
    payload: z.object({ label: z.string() }),
    maxAttempts: 3,
    handle: async (payload, context) => {
      seen.push({ payload, attempt: context.attempt, jobId: context.jobId });
      await behaviour(context);
      await appendToRunLedger(context.db, context.jobId, 'in-process');
    },
  });

  function startWorker(overrides: Partial<JobWorkerOptions> = {}): Promise<JobWorker> {
    const worker = createJobWorker({
      db: database.db,
      dialect,
      postgresUrl: database.postgres?.url,
      registry: createJobRegistry({ jobs: [recordJob] }),
      clock,
      logger: captured.logger,
      concurrency: 2,
      pollMs: 50,
      workerId: uniqueWorkerId(),
      random: () => 0.5,
      ...overrides,
    });
    workers.push(worker);
    return worker.start().then(() => worker);
  }

  const enqueue = (payload: unknown, options: { maxAttempts?: number } = {}) =>
    enqueueJob(database.db, clock, { name: 'test.record', payload, ...options }).then((job) => job.id);

  const statusOf = async (id: string) => (await findJob(database.db, id)).status;

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    await createRunLedger(database.db);
    clock = createManualClock(Date.UTC(2026, 5, 1));
    seen.length = 0;
    captured.lines.length = 0;
    behaviour = () => Promise.resolve();
  });

  afterEach(async () => {
    for (const worker of workers.splice(0)) await worker.stop({ timeoutMs: 2_000 });
    await database.destroy();
  });

  it('runs a job once with its validated payload and marks it done', async () => {
    const id = await enqueue({ label: 'first' });
    await startWorker();
    await waitFor('job done', async () => (await statusOf(id)) === 'done');
    const job = await findJob(database.db, id);
    expect(job).toMatchObject({ attempts: 1, locked_by: null, locked_until: null, finished_at: clock.now() });
    expect(seen).toEqual([{ payload: { label: 'first' }, attempt: 1, jobId: id }]);
    expect(await readRunLedger(database.db)).toEqual([{ job_id: id, worker_id: 'in-process' }]);
  });

  it('retries a failing job with growing delays, then marks it dead with a truncated error', async () => {
    behaviour = () => Promise.reject(new Error(`provider refused ${'x'.repeat(2_000)}`));
    const id = await enqueue({ label: 'fails' });
    const worker = await startWorker();

    await waitFor('first failure', async () => (await findJob(database.db, id)).attempts === 1);
    await waitFor('released for retry', async () => (await statusOf(id)) === 'pending');
    let job = await findJob(database.db, id);
    expect(job.run_at - clock.now()).toBe(1_500); // 2 s ceiling, jitter 0.5 → 1.5 s
    expect(job.last_error?.startsWith('Error: provider refused xxx')).toBe(true);
    expect(job.last_error!.length).toBeLessThanOrEqual(500);

    // Not due yet: waking the worker must not run it early.
    worker.wake();
    await sleep(200);
    expect((await findJob(database.db, id)).attempts).toBe(1);

    clock.advance(1_500);
    worker.wake();
    await waitFor('second failure', async () => {
      const current = await findJob(database.db, id);
      return current.attempts === 2 && current.status === 'pending';
    });
    job = await findJob(database.db, id);
    expect(job.run_at - clock.now()).toBe(3_000);

    clock.advance(3_000);
    worker.wake();
    await waitFor('dead', async () => (await statusOf(id)) === 'dead');
    job = await findJob(database.db, id);
    expect(job).toMatchObject({ attempts: 3, locked_by: null, finished_at: clock.now() });
    expect(seen.map((entry) => entry.attempt)).toEqual([1, 2, 3]);
  });

  it('honours a per-job maxAttempts over the definition', async () => {
    behaviour = () => Promise.reject(new Error('down'));
    const id = await enqueue({ label: 'once' }, { maxAttempts: 1 });
    await startWorker();
    await waitFor('dead', async () => (await statusOf(id)) === 'dead');
    expect((await findJob(database.db, id)).attempts).toBe(1);
  });

  it('marks a job with an invalid payload dead without running it or logging the payload', async () => {
    const invalid = await enqueue({ label: 12345, note: 'SENSITIVE-VALUE-981' });
    const notJson = newId();
    await insertJobRow(database.db, {
      id: notJson,
      name: 'test.record',
      payload: '{"label": SENSITIVE',
      run_at: clock.now(),
    });
    await startWorker();
    await waitFor(
      'both dead',
      async () => (await statusOf(invalid)) === 'dead' && (await statusOf(notJson)) === 'dead',
    );
    expect(seen).toEqual([]);
    const job = await findJob(database.db, invalid);
    expect(job.attempts).toBe(1);
    expect(job.last_error).toBe('invalid payload: label invalid_type');
    expect((await findJob(database.db, notJson)).last_error).toBe('invalid payload: not JSON');
    const logs = captured.lines.join('\n');
    expect(logs).toContain(invalid);
    expect(logs).not.toContain('SENSITIVE');
    expect(logs).not.toContain('12345');
  });

  it('takes over a job whose worker died (lease expired) but not one whose lease is live', async () => {
    const orphan = newId();
    const leased = newId();
    const common = { name: 'test.record', payload: '{"label":"x"}', status: 'running' as const, attempts: 1 };
    await insertJobRow(database.db, {
      ...common,
      id: orphan,
      locked_by: 'crashed',
      locked_until: clock.now() - 1,
    });
    await insertJobRow(database.db, {
      ...common,
      id: leased,
      locked_by: 'alive',
      locked_until: clock.now() + 60_000,
    });
    const worker = await startWorker();
    await waitFor('orphan done', async () => (await statusOf(orphan)) === 'done');
    expect(await findJob(database.db, orphan)).toMatchObject({ attempts: 2, locked_by: null });
    worker.wake();
    await sleep(200);
    expect(await findJob(database.db, leased)).toMatchObject({
      status: 'running',
      locked_by: 'alive',
      attempts: 1,
    });
    expect((await readRunLedger(database.db)).map((row) => row.job_id)).toEqual([orphan]);
  });

  it('gives up on a job whose last allowed attempt died with its worker', async () => {
    const id = newId();
    await insertJobRow(database.db, {
      id,
      name: 'test.record',
      payload: '{"label":"x"}',
      status: 'running',
      attempts: 3,
      locked_by: 'crashed',
      locked_until: clock.now() - 1,
    });
    await startWorker();
    await waitFor('dead', async () => (await statusOf(id)) === 'dead');
    expect(seen).toEqual([]);
    expect((await findJob(database.db, id)).last_error).toBe('worker stopped during the last attempt');
  });

  it('leaves jobs it has no handler for pending, for a worker that knows them', async () => {
    const unknown = (await enqueueJob(database.db, clock, { name: 'future.thing', payload: {} })).id;
    const known = await enqueue({ label: 'known' });
    await startWorker();
    await waitFor('known done', async () => (await statusOf(known)) === 'done');
    expect(await findJob(database.db, unknown)).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('runs at most `concurrency` jobs at once', async () => {
    let active = 0;
    let peak = 0;
    behaviour = async () => {
      active += 1;
      peak = Math.max(peak, active);
      await sleep(40);
      active -= 1;
    };
    const ids = await Promise.all(Array.from({ length: 6 }, (_, index) => enqueue({ label: `n${index}` })));
    await startWorker({ concurrency: 2 });
    await waitFor('all done', async () => (await Promise.all(ids.map(statusOf))).every((s) => s === 'done'));
    expect(peak).toBe(2);
  });

  it('stop() stops claiming and waits for the job in flight', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    behaviour = () => gate;
    const first = await enqueue({ label: 'in flight' });
    const worker = await startWorker();
    await waitFor('handler started', () => seen.length === 1);

    let isStopped = false;
    const stopping = worker.stop({ timeoutMs: 5_000 }).then(() => (isStopped = true));
    const second = await enqueue({ label: 'after stop' });
    worker.wake();
    await sleep(300);
    expect(isStopped).toBe(false);
    expect(await statusOf(first)).toBe('running');

    release();
    await stopping;
    expect(await statusOf(first)).toBe('done');
    expect(await findJob(database.db, second)).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('stop() gives up after its timeout and aborts the job, leaving it for another worker', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let signal: AbortSignal | undefined;
    behaviour = (context) => {
      signal = context.signal;
      return gate;
    };
    const id = await enqueue({ label: 'slow' });
    const worker = await startWorker();
    await waitFor('handler started', () => seen.length === 1);
    const startedAt = Date.now();
    await worker.stop({ timeoutMs: 300 });
    expect(Date.now() - startedAt).toBeLessThan(2_000);
    expect(signal?.aborted).toBe(true);
    expect(await statusOf(id)).toBe('running');
    release();
    await waitFor('late finish recorded', async () => (await statusOf(id)) === 'done');
  });
});
