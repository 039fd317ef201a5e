import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createPgListener,
  defaultBackoff,
  reconnectDelayMs,
} from '../../server/platform/database/pg-listener.ts';
import { createLogger } from '../../server/platform/log/logger.ts';
import { postgresTestUrl } from '../support/databases.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('pg listener backoff', () => {
  it('doubles from the first step up to the cap, with jitter between half and all of the step', () => {
    const policy = { firstMs: 100, maximumMs: 1_000 };
    expect(reconnectDelayMs(0, policy, () => 0)).toBe(50);
    expect(reconnectDelayMs(0, policy, () => 1)).toBe(100);
    expect(reconnectDelayMs(3, policy, () => 1)).toBe(800);
    expect(reconnectDelayMs(4, policy, () => 1)).toBe(1_000);
    expect(reconnectDelayMs(500, policy, () => 0)).toBe(500);
    const spread = new Set(Array.from({ length: 50 }, () => reconnectDelayMs(2, policy)));
    expect(spread.size).toBeGreaterThan(5);
    for (const delay of spread) expect(delay).toBeGreaterThanOrEqual(200);
    for (const delay of spread) expect(delay).toBeLessThanOrEqual(400);
    expect(defaultBackoff.maximumMs).toBe(30_000);
  });

  it('refuses a channel name it could not LISTEN on safely', () => {
    const logger = createLogger('silent');
    const options = {
      url: 'postgres://unused',
      applicationName: 'x',
      logger,
      label: 'test',
      onNotification: () => {},
    };
    expect(() => createPgListener({ ...options, channels: ['bad"name'] })).toThrow(
      'Not a LISTEN channel name',
    );
    expect(() => createPgListener({ ...options, channels: ['x'.repeat(64)] })).toThrow(
      'Not a LISTEN channel name',
    );
  });
});

describe.skipIf(!postgresTestUrl)('pg listener (one LISTEN client for jobs and realtime)', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function admin(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: postgresTestUrl });
    await client.connect();
    cleanups.push(() => client.end());
    return client;
  }

  function listen(channels: string[], applicationName: string, logLines: string[] = []) {
    const heard: [string, string | undefined][] = [];
    const connections: boolean[] = [];
    const listener = createPgListener({
      url: postgresTestUrl!,
      channels,
      applicationName,
      logger: createLogger('info', { write: (line: string) => logLines.push(line) }),
      label: 'test listener',
      onNotification: (channel, payload) => heard.push([channel, payload]),
      onConnected: ({ isReconnect }) => connections.push(isReconnect),
      backoff: { firstMs: 100, maximumMs: 400 },
    });
    cleanups.push(() => listener.close());
    return { listener, heard, connections };
  }

  const backends = async (client: pg.Client, applicationName: string) =>
    (
      await client.query<{ count: number }>(
        'select count(*)::int as count from pg_stat_activity where application_name = $1',
        [applicationName],
      )
    ).rows[0]!.count;

  const terminate = async (client: pg.Client, applicationName: string) =>
    (
      await client.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1',
        [applicationName],
      )
    ).rowCount;

  it('hears its channels only, and after its backend is terminated reconnects, re-LISTENs and says so', async () => {
    const suffix = randomUUID().replaceAll('-', '').slice(0, 12);
    const [jobs, events, other] = [`t_jobs_${suffix}`, `t_events_${suffix}`, `t_other_${suffix}`];
    const applicationName = `amparo-listener-test-${suffix}`;
    const logLines: string[] = [];
    const { listener, heard, connections } = listen([jobs, events], applicationName, logLines);
    await listener.ready;
    expect(listener.isListening()).toBe(true);
    expect(connections).toEqual([false]);

    const client = await admin();
    await client.query('select pg_notify($1, $2), pg_notify($3, $4), pg_notify($5, $6)', [
      jobs,
      'one',
      other,
      'not for us',
      events,
      'two',
    ]);
    await expect
      .poll(() => heard)
      .toEqual([
        [jobs, 'one'],
        [events, 'two'],
      ]);

    expect(await terminate(client, applicationName)).toBe(1);
    await expect.poll(() => connections, { timeout: 5_000 }).toEqual([false, true]);
    expect(listener.isListening()).toBe(true);
    expect(await backends(client, applicationName)).toBe(1);

    // Both LISTENs are back: notifications on each channel arrive again.
    await client.query('select pg_notify($1, $2), pg_notify($3, $4)', [jobs, 'three', events, 'four']);
    await expect
      .poll(() => heard.slice(2))
      .toEqual([
        [jobs, 'three'],
        [events, 'four'],
      ]);
    const logs = logLines.join('\n');
    expect(logs).toContain('test listener connection failed; reconnecting');
    expect(logs).toContain('test listener reconnected');
    expect(logs).not.toContain('three');
  });

  it('closes cleanly: its connection goes, nothing reconnects, nothing more is heard', async () => {
    const suffix = randomUUID().replaceAll('-', '').slice(0, 12);
    const channel = `t_close_${suffix}`;
    const applicationName = `amparo-listener-close-${suffix}`;
    const { listener, heard, connections } = listen([channel], applicationName);
    await listener.ready;
    const client = await admin();
    expect(await backends(client, applicationName)).toBe(1);
    await listener.close();
    await listener.close();
    expect(listener.isListening()).toBe(false);
    await expect.poll(() => backends(client, applicationName)).toBe(0);
    await client.query('select pg_notify($1, $2)', [channel, 'late']);
    await sleep(600);
    expect(heard).toEqual([]);
    expect(connections).toEqual([false]);
    expect(await backends(client, applicationName)).toBe(0);
  });

  it('keeps retrying while the server refuses, and stops when closed', async () => {
    const logLines: string[] = [];
    const listener = createPgListener({
      // Nothing listens on port 1: every attempt is refused at once.
      url: 'postgres://postgres@127.0.0.1:1/test',
      channels: ['t_refused'],
      applicationName: 'amparo-listener-refused',
      logger: createLogger('info', { write: (line: string) => logLines.push(line) }),
      label: 'test listener',
      onNotification: () => {},
      backoff: { firstMs: 40, maximumMs: 80 },
    });
    await listener.ready;
    expect(listener.isListening()).toBe(false);
    const attempts = () => logLines.filter((line) => line.includes('could not connect; retrying')).length;
    await expect.poll(attempts, { timeout: 5_000 }).toBeGreaterThanOrEqual(3);
    await listener.close();
    const afterClose = attempts();
    await sleep(400);
    expect(attempts()).toBeLessThanOrEqual(afterClose + 1);
  });
});
