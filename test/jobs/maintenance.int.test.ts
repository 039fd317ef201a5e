import { afterEach, beforeEach, expect, it } from 'vitest';
import { createAppJobRegistry } from '../../server/jobs.ts';
import { createManualClock } from '../../server/platform/clock/clock.ts';
import type { DialectName } from '../../server/platform/database/database.ts';
import { newId } from '../../server/platform/ids/ids.ts';
import { createJobWorker, recordEffect, scheduleRecurring } from '../../server/platform/jobs/index.ts';
import { createLogger } from '../../server/platform/log/logger.ts';
import { createTestContext } from '../support/app.ts';
import { createTestDatabase, describeEachDatabase } from '../support/databases.ts';
import type { TestDatabase } from '../support/databases.ts';
import { insertJobRow, uniqueWorkerId, waitFor } from './support.ts';

const dayMs = 24 * 60 * 60 * 1000;

describeEachDatabase('recurring and maintenance jobs', (dialect: DialectName) => {
  let database: TestDatabase;
  let clock: ReturnType<typeof createManualClock>;

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    clock = createManualClock(Date.UTC(2026, 5, 1, 10, 30));
  });
  afterEach(async () => {
    await database.destroy();
  });

  const purgeJobs = () =>
    database.db
      .selectFrom('jobs')
      .select(['idempotency_key', 'run_at'])
      .where('name', '=', 'jobs.purgeFinished')
      .execute();

  it('enqueues a recurring job once per period, however many workers schedule it', async () => {
    // Only the daily purge: other modules' schedules have their own periods.
    const recurring = createAppJobRegistry(createTestContext(database, clock)).recurring.filter(
      (schedule) => schedule.job.name === 'jobs.purgeFinished',
    );
    // Two processes with separate memories, scheduling at the same moment.
    const created = await Promise.all([
      scheduleRecurring(database.db, clock, recurring, new Map()),
      scheduleRecurring(database.db, clock, recurring, new Map()),
    ]);
    expect(created[0] + created[1]).toBe(1);
    const today = Date.UTC(2026, 5, 1);
    expect(await purgeJobs()).toEqual([{ idempotency_key: `jobs.purgeFinished:${today}`, run_at: today }]);

    clock.advance(dayMs);
    expect(await scheduleRecurring(database.db, clock, recurring, new Map())).toBe(1);
    expect(await purgeJobs()).toHaveLength(2);
  });

  it('purges finished jobs and unneeded effect keys past retention, keeping everything else', async () => {
    const now = clock.now();
    const old = now - 15 * dayMs;
    const recent = now - 2 * dayMs;
    const rows = {
      oldDone: { status: 'done' as const, finished_at: old },
      oldDead: { status: 'dead' as const, finished_at: old },
      recentDone: { status: 'done' as const, finished_at: recent },
      oldPending: { status: 'pending' as const, run_at: now + dayMs, created_at: old },
      oldRunning: { status: 'running' as const, locked_by: 'alive', locked_until: now + 60_000 },
    };
    const ids = Object.fromEntries(Object.keys(rows).map((key) => [key, newId()]));
    for (const [key, row] of Object.entries(rows)) {
      await insertJobRow(database.db, { id: ids[key]!, name: 'other.job', ...row });
    }
    const oldClock = createManualClock(old);
    await recordEffect(database.db, 'effect:of-finished', { jobId: ids.oldDone, clock: oldClock });
    await recordEffect(database.db, 'effect:no-job', { clock: oldClock });
    await recordEffect(database.db, 'effect:of-running', { jobId: ids.oldRunning, clock: oldClock });
    await recordEffect(database.db, 'effect:recent', { jobId: ids.oldDone, clock });

    // The app's own worker runs its recurring purge (14 days) on start.
    const worker = createJobWorker({
      db: database.db,
      dialect,
      registry: createAppJobRegistry(createTestContext(database, clock)),
      clock,
      logger: createLogger('silent'),
      concurrency: 1,
      pollMs: 50,
      workerId: uniqueWorkerId(),
    });
    await worker.start();
    try {
      await waitFor('purge done', async () => {
        const purge = await database.db
          .selectFrom('jobs')
          .select('status')
          .where('name', '=', 'jobs.purgeFinished')
          .executeTakeFirst();
        return purge?.status === 'done';
      });
    } finally {
      await worker.stop();
    }
    const left = await database.db.selectFrom('jobs').select('id').where('name', '=', 'other.job').execute();
    expect(left.map((row) => row.id).sort()).toEqual([ids.recentDone, ids.oldPending, ids.oldRunning].sort());
    const effects = await database.db.selectFrom('job_effects').select('key').orderBy('key').execute();
    expect(effects.map((row) => row.key)).toEqual(['effect:of-running', 'effect:recent']);
  });
});
