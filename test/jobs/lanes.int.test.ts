import { createECDH, randomBytes } from 'node:crypto';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { z } from 'zod';
import { systemClock } from '../../server/platform/clock/clock.ts';
import type { DialectName } from '../../server/platform/database/database.ts';
import {
  createJobRegistry,
  createJobWorker,
  defineJob,
  enqueueJob,
} from '../../server/platform/jobs/index.ts';
import type { JobWorker, JobWorkerOptions } from '../../server/platform/jobs/index.ts';
import { createWebPushSender, generateVapidKeys, PushSendError } from '../../server/platform/push/index.ts';
import { localAgent, selfSignedCertificate } from '../alerts/support/push-protocol.ts';
import { createTwilioSmsSender } from '../../server/platform/sms/twilio-sms.ts';
import { createTestDatabase, describeEachDatabase } from '../support/databases.ts';
import { startFakeTwilio } from '../support/fake-twilio.ts';
import type { FakeTwilio } from '../support/fake-twilio.ts';
import type { TestDatabase } from '../support/databases.ts';
import { createCapturedLogger, findJob, sleep, uniqueWorkerId, waitFor } from './support.ts';

const hostName = 'tarpit.amparo-test.example';

/** A push service on 127.0.0.1 that answers 201 and then one byte every 200 ms, forever. */
async function startTarpit() {
  const { key, cert } = selfSignedCertificate(hostName);
  const open = new Set<Socket>();
  let closedCount = 0;
  const server = https.createServer({ key, cert }, (request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(201, { 'content-length': '100000' });
      const timer = setInterval(() => response.write('.'), 200);
      response.on('close', () => clearInterval(timer));
    });
  });
  server.on('secureConnection', (socket: Socket) => {
    open.add(socket);
    socket.on('close', () => {
      open.delete(socket);
      closedCount += 1;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `https://${hostName}:${port}`,
    agent: localAgent(hostName, cert),
    openCount: () => open.size,
    closedCount: () => closedCount,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function browserKeys() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

describeEachDatabase('worker lanes and deadlines', (dialect: DialectName) => {
  let database: TestDatabase;
  let tarpit: Awaited<ReturnType<typeof startTarpit>>;
  let twilio: FakeTwilio;
  const smsOutcomes: { error: unknown; elapsedMs: number }[] = [];
  const workers: JobWorker[] = [];
  const captured = createCapturedLogger();
  const latencies: number[] = [];
  const pushOutcomes: { error: unknown; elapsedMs: number }[] = [];
  const vapid = generateVapidKeys();
  const pushDeadlineMs = 2_000;

  beforeAll(async () => {
    tarpit = await startTarpit();
    twilio = await startFakeTwilio();
  });
  afterAll(async () => {
    await tarpit.close();
    await twilio.close();
  });

  const smsJob = defineJob({
    name: 'test.sms',
    lane: 'sms',
    payload: z.object({ to: z.string() }),
    maxAttempts: 1,
    handle: async (payload) => {
      const sender = createTwilioSmsSender({
        apiBase: twilio.url,
        accountSid: twilio.accountSid,
        authToken: twilio.authToken,
        from: '+13125550100',
        timeoutMs: pushDeadlineMs,
      });
      const started = Date.now();
      try {
        await sender.send({ to: payload.to, body: 'held' });
        smsOutcomes.push({ error: null, elapsedMs: Date.now() - started });
      } catch (error) {
        smsOutcomes.push({ error, elapsedMs: Date.now() - started });
        throw error;
      }
    },
  });

  const pushJob = defineJob({
    name: 'test.push',
    lane: 'push',
    payload: z.object({}),
    maxAttempts: 1,
    handle: async () => {
      const sender = createWebPushSender({
        vapidKeys: () => Promise.resolve(vapid),
        subject: 'mailto:test@example.test',
        agent: tarpit.agent,
        timeoutMs: pushDeadlineMs,
      });
      const started = Date.now();
      try {
        await sender.send({
          subscription: {
            endpoint: `${tarpit.origin}/push/${randomBytes(6).toString('hex')}`,
            keys: browserKeys(),
          },
          payload: '{}',
          ttlSeconds: 60,
          urgency: 'high',
        });
        pushOutcomes.push({ error: null, elapsedMs: Date.now() - started });
      } catch (error) {
        pushOutcomes.push({ error, elapsedMs: Date.now() - started });
        throw error;
      }
    },
  });
  const timedJob = (name: string, lane: 'dispatch' | 'intake') =>
    defineJob({
      name,
      lane,
      payload: z.object({ enqueuedAt: z.number() }),
      handle: (payload) => {
        latencies.push(Date.now() - payload.enqueuedAt);
        return Promise.resolve();
      },
    });
  const dispatchJob = timedJob('test.dispatch', 'dispatch');
  const intakeJob = timedJob('test.intake', 'intake');
  const hangJob = defineJob({
    name: 'test.hang',
    maxRunMs: 300,
    maxAttempts: 2,
    payload: z.object({}),
    // Ignores its signal on purpose: the worker must abandon it anyway.
    handle: () => new Promise<void>(() => undefined),
  });
  const quickJob = defineJob({ name: 'test.quick', payload: z.object({}), handle: () => Promise.resolve() });

  async function startWorker(overrides: Partial<JobWorkerOptions> = {}): Promise<JobWorker> {
    const worker = createJobWorker({
      db: database.db,
      dialect,
      postgresUrl: database.postgres?.url,
      registry: createJobRegistry({ jobs: [pushJob, smsJob, dispatchJob, intakeJob, hangJob, quickJob] }),
      clock: systemClock,
      logger: captured.logger,
      concurrency: 1,
      lanes: { push: 2, sms: 2, dispatch: 1, intake: 1, housekeeping: 1 },
      pollMs: 50,
      workerId: uniqueWorkerId(),
      retryPolicy: { baseMs: 100, capMs: 100 },
      ...overrides,
    });
    workers.push(worker);
    await worker.start();
    return worker;
  }

  const enqueue = async (worker: JobWorker, name: string, payload: unknown) => {
    const job = await enqueueJob(database.db, systemClock, { name, payload });
    worker.wake();
    return job.id;
  };

  /** Latency from enqueue to start of `count` dispatch and intake jobs, one after another. */
  async function sampleLatencies(worker: JobWorker, count: number): Promise<number[]> {
    latencies.length = 0;
    for (let index = 0; index < count; index += 1) {
      const name = index % 2 === 0 ? 'test.dispatch' : 'test.intake';
      const id = await enqueue(worker, name, { enqueuedAt: Date.now() });
      await waitFor('timed job', async () => (await findJob(database.db, id)).status === 'done', 5_000, 5);
    }
    return [...latencies];
  }

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    pushOutcomes.length = 0;
  });
  afterEach(async () => {
    for (const worker of workers.splice(0)) await worker.stop({ timeoutMs: 3_000 });
    await database.destroy();
  });

  it('a push service that trickles bytes holds only the push lane, and only until the deadline', async () => {
    const worker = await startWorker();
    const normal = await sampleLatencies(worker, 20);

    // More stalled pushes than the push lane has slots: the rest wait in their own lane.
    const pushIds = await Promise.all([1, 2, 3, 4].map(() => enqueue(worker, 'test.push', {})));
    await waitFor('both push slots stalled', () => tarpit.openCount() >= 2, 5_000);
    const stallStarted = Date.now();
    const duringStall = await sampleLatencies(worker, 20);
    // The measurement really happened while the pushes were stuck.
    expect(Date.now() - stallStarted).toBeLessThan(pushDeadlineMs);
    expect(tarpit.openCount()).toBeGreaterThanOrEqual(2);

    const figures = { normalMedianMs: median(normal), stallMedianMs: median(duringStall) };
    console.info(`[lanes ${dialect}] dispatch/intake job latency`, figures);
    // Within 2× of normal (plus a few ms of scheduling noise on a shared machine).
    expect(figures.stallMedianMs).toBeLessThanOrEqual(2 * figures.normalMedianMs + 15);
    expect(Math.max(...duringStall)).toBeLessThan(pushDeadlineMs / 2);

    // Each stalled push ends at its wall-clock deadline with its socket destroyed, though bytes kept coming.
    await waitFor(
      'pushes ended',
      async () => {
        const jobs = await Promise.all(pushIds.map((id) => findJob(database.db, id)));
        return jobs.every((job) => job.status === 'dead');
      },
      15_000,
    );
    expect(pushOutcomes).toHaveLength(4);
    for (const outcome of pushOutcomes) {
      expect(outcome.error).toBeInstanceOf(PushSendError);
      expect((outcome.error as PushSendError).kind).toBe('ambiguous');
      expect(outcome.elapsedMs).toBeGreaterThanOrEqual(pushDeadlineMs - 50);
      expect(outcome.elapsedMs).toBeLessThan(pushDeadlineMs + 1_000);
    }
    await waitFor('tarpit sockets closed', () => tarpit.openCount() === 0, 3_000);
  });

  it('an SMS provider that holds its answers holds only the SMS lane, until the deadline', async () => {
    const worker = await startWorker();
    const normal = await sampleLatencies(worker, 20);
    smsOutcomes.length = 0;
    twilio.holdAnswers(4, 10_000);
    const smsIds = await Promise.all(
      ['+13125550181', '+13125550182', '+13125550183', '+13125550184'].map((to) =>
        enqueue(worker, 'test.sms', { to }),
      ),
    );
    await waitFor('both SMS slots stalled', () => twilio.messages.length >= 2, 5_000);
    const stallStarted = Date.now();
    const duringStall = await sampleLatencies(worker, 20);
    expect(Date.now() - stallStarted).toBeLessThan(pushDeadlineMs);
    const figures = { normalMedianMs: median(normal), stallMedianMs: median(duringStall) };
    console.info(`[lanes ${dialect}] dispatch/intake job latency during held SMS answers`, figures);
    expect(figures.stallMedianMs).toBeLessThanOrEqual(2 * figures.normalMedianMs + 15);
    await waitFor(
      'SMS jobs ended',
      async () =>
        (await Promise.all(smsIds.map((id) => findJob(database.db, id)))).every(
          (job) => job.status === 'dead',
        ),
      15_000,
    );
    for (const outcome of smsOutcomes) {
      expect((outcome.error as { isTimeout?: boolean }).isTimeout).toBe(true);
      expect(outcome.elapsedMs).toBeLessThan(pushDeadlineMs + 1_000);
    }
  });

  it('abandons a job at its max run time: the attempt fails, the lease is released, the lane moves on', async () => {
    const worker = await startWorker();
    const hungId = await enqueue(worker, 'test.hang', {});
    await waitFor('hung job released for retry', async () => {
      const job = await findJob(database.db, hungId);
      return job.status === 'pending' && job.attempts === 1;
    });
    const released = await findJob(database.db, hungId);
    expect(released.locked_by).toBeNull();
    expect(released.locked_until).toBeNull();
    expect(released.last_error).toMatch(/JobDeadlineError: ran past its max run time \(300 ms\)/);

    // The lane has one slot; the hung handler never returns, yet the next job of its lane runs.
    const quickId = await enqueue(worker, 'test.quick', {});
    await waitFor('quick job done', async () => (await findJob(database.db, quickId)).status === 'done');

    // The second attempt hangs too: with no attempts left it is dead, not renewed forever.
    await waitFor('hung job dead', async () => (await findJob(database.db, hungId)).status === 'dead', 5_000);
    await sleep(100);
    const dead = await findJob(database.db, hungId);
    expect(dead.attempts).toBe(2);
    expect(dead.locked_until).toBeNull();
  });
});
