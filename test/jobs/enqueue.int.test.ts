import pg from 'pg';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { z } from 'zod';
import { createManualClock } from '../../server/platform/clock/clock.ts';
import type { DialectName } from '../../server/platform/database/database.ts';
import { inTransaction } from '../../server/platform/database/unit-of-work.ts';
import {
  createJobRegistry,
  createJobWorker,
  defineJob,
  enqueueJob,
  enqueueJobInUnitOfWork,
} from '../../server/platform/jobs/index.ts';
import type { JobWorker } from '../../server/platform/jobs/index.ts';
import { createLogger } from '../../server/platform/log/logger.ts';
import { createLocalEventBus } from '../../server/platform/realtime/local-event-bus.ts';
import { createTestDatabase, describeEachDatabase } from '../support/databases.ts';
import type { TestDatabase } from '../support/databases.ts';
import { findJob, sleep, uniqueWorkerId, waitFor } from './support.ts';

describeEachDatabase('enqueueJob', (dialect: DialectName) => {
  let database: TestDatabase;
  const clock = createManualClock(Date.UTC(2026, 5, 1));
  const countJobs = async () =>
    Number(
      (
        await database.db
          .selectFrom('jobs')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
  });
  afterEach(async () => {
    await database.destroy();
  });

  it('writes no job when the caller’s transaction rolls back', async () => {
    const failure = new Error('business rule failed after enqueue');
    await expect(
      database.db.transaction().execute(async (trx) => {
        await enqueueJob(trx, clock, { name: 'test.noop', payload: { id: 'a' } });
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await countJobs()).toBe(0);

    const { id } = await database.db
      .transaction()
      .execute((trx) => enqueueJob(trx, clock, { name: 'test.noop', payload: { id: 'b' } }));
    expect(await findJob(database.db, id)).toMatchObject({
      status: 'pending',
      payload: '{"id":"b"}',
      run_at: clock.now(),
      attempts: 0,
    });
  });

  it('creates one job for one idempotency key, however often it is enqueued', async () => {
    const input = { name: 'test.noop', payload: { id: 'x' }, idempotencyKey: 'alert:1:member:2' };
    const first = await database.db.transaction().execute((trx) => enqueueJob(trx, clock, input));
    const again = await database.db.transaction().execute(async (trx) => {
      const inside = await enqueueJob(trx, clock, input);
      const twice = await enqueueJob(trx, clock, input);
      return [inside, twice];
    });
    expect(first.isNew).toBe(true);
    expect(again).toEqual([
      { id: first.id, isNew: false },
      { id: first.id, isNew: false },
    ]);
    await enqueueJob(database.db, clock, { name: 'test.noop', payload: {} });
    await enqueueJob(database.db, clock, { name: 'test.noop', payload: {} });
    expect(await countJobs()).toBe(3); // jobs without a key are never deduplicated
  });

  it('refuses payloads that are not JSON or too large, and bad attempt limits', async () => {
    await expect(enqueueJob(database.db, clock, { name: 'test.noop', payload: undefined })).rejects.toThrow(
      /not JSON/,
    );
    await expect(
      enqueueJob(database.db, clock, { name: 'test.noop', payload: { blob: 'x'.repeat(70_000) } }),
    ).rejects.toThrow(/exceeds/);
    await expect(
      enqueueJob(database.db, clock, { name: 'test.noop', payload: {}, maxAttempts: 0 }),
    ).rejects.toThrow(/maxAttempts/);
    expect(await countJobs()).toBe(0);
  });

  it('wakes an idle worker as soon as the enqueuing transaction commits (no polling)', async () => {
    const handled: string[] = [];
    const job = defineJob({
      name: 'test.wake',
      payload: z.object({ id: z.string() }),
      handle: (payload) => {
        handled.push(payload.id);
        return Promise.resolve();
      },
    });
    const worker: JobWorker = createJobWorker({
      db: database.db,
      dialect,
      postgresUrl: database.postgres?.url,
      registry: createJobRegistry({ jobs: [job] }),
      clock,
      logger: createLogger('silent'),
      concurrency: 1,
      pollMs: 60_000,
      workerId: uniqueWorkerId(),
    });
    await worker.start();
    try {
      // SQLite: the unit of work wakes the in-process worker after commit. PostgreSQL: NOTIFY does.
      await inTransaction({ db: database.db, events: createLocalEventBus() }, (uow) =>
        enqueueJobInUnitOfWork(uow, { clock, jobs: worker }, { name: 'test.wake', payload: { id: 'one' } }),
      );
      await waitFor('woken worker ran the job', () => handled.length === 1, 3_000);

      if (dialect === 'postgres') {
        // A plain enqueue by another process (no in-process wake) is picked up through LISTEN.
        await database.db
          .transaction()
          .execute((trx) => enqueueJob(trx, clock, { name: 'test.wake', payload: { id: 'two' } }));
        await waitFor('notified worker ran the job', () => handled.length === 2, 3_000);

        // The LISTEN connection dies; the worker reconnects and still hears the next commit.
        const client = new pg.Client({ connectionString: database.postgres!.url });
        await client.connect();
        const killed = await client.query(
          'select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1',
          [`amparo-jobs ${worker.workerId}`.slice(0, 63)],
        );
        await client.end();
        expect(killed.rowCount).toBe(1);
        await sleep(1_500);
        await enqueueJob(database.db, clock, { name: 'test.wake', payload: { id: 'three' } });
        await waitFor('reconnected worker ran the job', () => handled.length === 3, 3_000);
      }
      expect(handled).toEqual(dialect === 'postgres' ? ['one', 'two', 'three'] : ['one']);
    } finally {
      await worker.stop();
    }
  });
});
