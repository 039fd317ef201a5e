import { afterEach, beforeEach, expect, it } from 'vitest';
import { createManualClock } from '../../server/platform/clock/clock.ts';
import type { DialectName } from '../../server/platform/database/database.ts';
import { isEffectRecorded, recordEffect, runEffectOnce } from '../../server/platform/jobs/index.ts';
import { createTestDatabase, describeEachDatabase } from '../support/databases.ts';
import type { TestDatabase } from '../support/databases.ts';
import { appendToRunLedger, createRunLedger, readRunLedger, sleep } from './support.ts';

describeEachDatabase('runEffectOnce', (dialect: DialectName) => {
  let database: TestDatabase;
  const clock = createManualClock(Date.UTC(2026, 5, 1));

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    await createRunLedger(database.db);
  });
  afterEach(async () => {
    await database.destroy();
  });

  it('applies a database effect once per key and records who did it', async () => {
    const effect = (label: string) => (trx: typeof database.db) => appendToRunLedger(trx, 'job-1', label);
    const first = await runEffectOnce(database.db, 'ledger:1', effect('first'), { jobId: 'job-1', clock });
    const second = await runEffectOnce(database.db, 'ledger:1', effect('second'), { jobId: 'job-2', clock });
    const other = await runEffectOnce(database.db, 'ledger:2', effect('other'), { clock });
    expect([first.isFirstRun, second.isFirstRun, other.isFirstRun]).toEqual([true, false, true]);
    expect((await readRunLedger(database.db)).map((row) => row.worker_id).sort()).toEqual(['first', 'other']);
    const row = await database.db
      .selectFrom('job_effects')
      .selectAll()
      .where('key', '=', 'ledger:1')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ key: 'ledger:1', job_id: 'job-1', created_at: clock.now() });
  });

  it('records nothing when the effect fails, so a retry performs it', async () => {
    await expect(
      runEffectOnce(database.db, 'ledger:retry', async (trx) => {
        await appendToRunLedger(trx, 'job-1', 'failed attempt');
        throw new Error('effect failed midway');
      }),
    ).rejects.toThrow('effect failed midway');
    expect(await isEffectRecorded(database.db, 'ledger:retry')).toBe(false);
    expect(await readRunLedger(database.db)).toEqual([]);

    const retry = await runEffectOnce(database.db, 'ledger:retry', (trx) =>
      appendToRunLedger(trx, 'job-1', 'retry'),
    );
    expect(retry.isFirstRun).toBe(true);
    expect(await readRunLedger(database.db)).toEqual([{ job_id: 'job-1', worker_id: 'retry' }]);
  });

  it('joins the caller’s transaction: a rollback there undoes effect and key together', async () => {
    await database.db
      .transaction()
      .execute(async (trx) => {
        await runEffectOnce(trx, 'ledger:outer', (inner) => appendToRunLedger(inner, 'job-1', 'rolled back'));
        throw new Error('caller failed later');
      })
      .catch(() => undefined);
    expect(await isEffectRecorded(database.db, 'ledger:outer')).toBe(false);
    expect(await readRunLedger(database.db)).toEqual([]);
  });

  it('lets only one of two concurrent runs with the same key apply the effect', async () => {
    const attempt = (label: string) =>
      runEffectOnce(database.db, 'ledger:race', async (trx) => {
        await sleep(100); // hold the key while the other run arrives
        await appendToRunLedger(trx, 'job-1', label);
      });
    const results = await Promise.all([attempt('a'), attempt('b')]);
    expect(results.filter((result) => result.isFirstRun)).toHaveLength(1);
    expect(await readRunLedger(database.db)).toHaveLength(1);
  });

  it('records external effects explicitly', async () => {
    expect(await isEffectRecorded(database.db, 'sms:alert-1:member-1')).toBe(false);
    expect(await recordEffect(database.db, 'sms:alert-1:member-1', { clock })).toBe(true);
    expect(await recordEffect(database.db, 'sms:alert-1:member-1', { clock })).toBe(false);
    expect(await isEffectRecorded(database.db, 'sms:alert-1:member-1')).toBe(true);
  });
});
