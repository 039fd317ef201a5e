import { afterEach, beforeEach, expect, it } from 'vitest';
import type { DialectName } from '../../server/platform/database/database.ts';
import { newId } from '../../server/platform/ids/ids.ts';
import { createTestDatabase, describeEachDatabase } from '../support/databases.ts';
import type { TestDatabase } from '../support/databases.ts';
import { startServerProcess } from '../support/server-process.ts';
import type { ServerProcess } from '../support/server-process.ts';
import { findJob, insertJobRow, waitFor } from './support.ts';

const dayMs = 24 * 60 * 60 * 1000;

describeEachDatabase('the worker in a server process', (dialect: DialectName) => {
  let database: TestDatabase;
  let server: ServerProcess | undefined;
  let staleJobId: string;

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    staleJobId = newId();
    await insertJobRow(database.db, {
      id: staleJobId,
      name: 'other.job',
      status: 'done',
      finished_at: Date.now() - 30 * dayMs,
    });
  });
  afterEach(async () => {
    await server?.kill('SIGKILL');
    server = undefined;
    await database.destroy();
  });

  const purgeJobs = () =>
    database.db.selectFrom('jobs').select(['status']).where('name', '=', 'jobs.purgeFinished').execute();

  it('role=worker runs the app registry (the daily purge) and stops cleanly on SIGTERM', async () => {
    server = await startServerProcess({ target: database.target, environment: { AMPARO_ROLE: 'worker' } });
    await waitFor('purge done', async () => (await purgeJobs()).some((job) => job.status === 'done'));
    await expect(findJob(database.db, staleJobId)).rejects.toThrow();
    expect(await server.kill('SIGTERM')).toBe(0);
    expect(server.lines.some((line) => line.includes('"job worker stopped"'))).toBe(true);
  });

  it('role=web runs no worker', async () => {
    server = await startServerProcess({ target: database.target, environment: { AMPARO_ROLE: 'web' } });
    // A worker schedules its recurring jobs before the process reports "amparo started".
    expect(await purgeJobs()).toEqual([]);
    expect((await findJob(database.db, staleJobId)).status).toBe('done');
    expect(server.lines.some((line) => line.includes('"job worker started"'))).toBe(false);
  });
});
