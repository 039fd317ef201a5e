import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { systemClock } from '../../server/platform/clock/clock.ts';
import type { DialectName } from '../../server/platform/database/database.ts';
import { enqueueJob } from '../../server/platform/jobs/index.ts';
import { createTestDatabase, describeEachDatabase } from '../support/databases.ts';
import type { TestDatabase } from '../support/databases.ts';
import { createRunLedger, readRunLedger, uniqueWorkerId, waitFor } from './support.ts';

const repositoryRoot = path.resolve(import.meta.dirname, '../..');

interface WorkerProcess {
  workerId: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

async function startWorkerProcess(
  database: TestDatabase,
  options: { concurrency: number; leaseMs: number },
): Promise<WorkerProcess> {
  const workerId = uniqueWorkerId('process');
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/jobs/fixtures/worker-process.ts'], {
    cwd: repositoryRoot,
    env: {
      PATH: process.env.PATH ?? '',
      JOB_FIXTURE_TARGET: JSON.stringify(database.target),
      JOB_FIXTURE_WORKER_ID: workerId,
      JOB_FIXTURE_CONCURRENCY: String(options.concurrency),
      JOB_FIXTURE_LEASE_MS: String(options.leaseMs),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4_000)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start\n${output}`)), 15_000);
    void exited.then(() => reject(new Error(`worker exited before starting\n${output}`)));
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      output = (output + line + '\n').slice(-4_000);
      if (line !== 'worker ready') return;
      clearTimeout(timer);
      resolve();
    });
  });
  return {
    workerId,
    exited,
    kill: (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

describeEachDatabase('job worker processes', (dialect: DialectName) => {
  let database: TestDatabase;
  const processes: WorkerProcess[] = [];

  const enqueueMany = (count: number, payload: { delayMs: number; isEffectOnce: boolean }) =>
    database.db.transaction().execute(async (trx) => {
      const ids: string[] = [];
      for (let index = 0; index < count; index += 1) {
        ids.push((await enqueueJob(trx, systemClock, { name: 'test.appendRun', payload })).id);
      }
      return ids;
    });

  const countByStatus = async (status: string) => {
    const result = await sql<{ n: number }>`select count(*) as n from jobs where status = ${status}`.execute(
      database.db,
    );
    return Number(result.rows[0]?.n ?? 0);
  };

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    await createRunLedger(database.db);
  });
  afterEach(async () => {
    await Promise.all(processes.splice(0).map((worker) => worker.kill('SIGKILL')));
    await database.destroy();
  });

  // The multi-node promise is PostgreSQL's; on SQLite (one writer, fsync per commit) fewer jobs
  // prove the same claim semantics without a slow test.
  const sharedJobCount = dialect === 'postgres' ? 1_000 : 300;

  it(`two worker processes share ${sharedJobCount} jobs: none run twice, none lost, both work`, async () => {
    const workers = await Promise.all([
      startWorkerProcess(database, { concurrency: 4, leaseMs: 30_000 }),
      startWorkerProcess(database, { concurrency: 4, leaseMs: 30_000 }),
    ]);
    processes.push(...workers);
    const startedAt = Date.now();
    const ids = await enqueueMany(sharedJobCount, { delayMs: 2, isEffectOnce: false });
    await waitFor('all jobs done', async () => (await countByStatus('done')) === sharedJobCount, 20_000, 50);
    const elapsedMs = Date.now() - startedAt;

    const ledger = await readRunLedger(database.db);
    expect(ledger).toHaveLength(sharedJobCount);
    expect(new Set(ledger.map((row) => row.job_id))).toEqual(new Set(ids));
    const perWorker = workers.map(
      (worker) => ledger.filter((row) => row.worker_id === worker.workerId).length,
    );
    expect(perWorker[0]! + perWorker[1]!).toBe(sharedJobCount);
    expect(Math.min(...perWorker)).toBeGreaterThan(0);
    console.log(
      `[${dialect}] ${sharedJobCount} jobs, two processes: ${elapsedMs} ms, split ${perWorker.join('/')}`,
    );

    const exits = await Promise.all(workers.map((worker) => worker.kill('SIGTERM')));
    expect(exits).toEqual([
      { code: 0, signal: null },
      { code: 0, signal: null },
    ]);
  });

  it('a worker killed with SIGKILL mid-batch loses nothing: a restarted one finishes every job once', async () => {
    const leaseMs = 1_000;
    const ids = await enqueueMany(200, { delayMs: 50, isEffectOnce: true });
    const first = await startWorkerProcess(database, { concurrency: 8, leaseMs });
    processes.push(first);
    await waitFor('some jobs done', async () => (await countByStatus('done')) >= 40, 15_000, 5);
    await first.kill('SIGKILL');

    // The crash left jobs claimed by the dead worker, some of them with their effect already applied.
    const orphaned = await database.db
      .selectFrom('jobs')
      .select('id')
      .where('status', '=', 'running')
      .where('locked_by', '=', first.workerId)
      .execute();
    const orphanedIds = orphaned.map((row) => row.id);
    expect(orphanedIds.length).toBeGreaterThan(0);
    const appliedBeforeCrash = new Set(
      (await readRunLedger(database.db))
        .filter((row) => orphanedIds.includes(row.job_id))
        .map((row) => row.job_id),
    );
    expect(appliedBeforeCrash.size).toBeGreaterThan(0);

    const second = await startWorkerProcess(database, { concurrency: 8, leaseMs });
    processes.push(second);
    await waitFor('all jobs done', async () => (await countByStatus('done')) === 200, 20_000, 50);

    const ledger = await readRunLedger(database.db);
    expect(ledger).toHaveLength(200);
    expect(new Set(ledger.map((row) => row.job_id))).toEqual(new Set(ids));
    // Jobs whose effect the dead worker applied were retried, and the retry did not apply it again.
    for (const id of appliedBeforeCrash) {
      expect(ledger.filter((row) => row.job_id === id)).toEqual([{ job_id: id, worker_id: first.workerId }]);
    }
    const retried = await database.db
      .selectFrom('jobs')
      .select(['id', 'attempts'])
      .where('id', 'in', orphanedIds)
      .execute();
    expect(retried.every((job) => job.attempts === 2)).toBe(true);
    const effects = await sql<{ n: number }>`select count(*) as n from job_effects`.execute(database.db);
    expect(Number(effects.rows[0]?.n)).toBe(200);
  });
});
