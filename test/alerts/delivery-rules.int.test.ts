import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { isQuietTime } from '../../server/modules/alerting/alerts/index.ts';
import type { JobWorker } from '../../server/platform/jobs/index.ts';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { startFakeTwilio } from '../support/fake-twilio.ts';
import type { FakeTwilio } from '../support/fake-twilio.ts';
import {
  buildAlertWorld,
  buildIncident,
  member,
  smsSubscribe,
  startTestWorker,
  testAdapters,
  waitFor,
} from './support/alert-world.ts';
import type { AlertWorld } from './support/alert-world.ts';
import { approve, call, uniquePhone } from './support/api.ts';
import type { DeliverySummary } from './support/api.ts';
import { fakePushServiceHosts, startFakePushService } from './support/fake-push.ts';
import type { FakePushService } from './support/fake-push.ts';
import { startFakeSmtp } from './support/fake-smtp.ts';
import type { FakeSmtp } from './support/fake-smtp.ts';

interface DetailBody {
  alert: { id: string; publicId: string };
  deliveries: DeliverySummary;
}

describeEachDatabase('alert deliveries', (dialect) => {
  let testApp: TestApp;
  let twilio: FakeTwilio;
  let push: FakePushService;
  let smtp: FakeSmtp;
  const workers: JobWorker[] = [];

  beforeAll(async () => {
    twilio = await startFakeTwilio();
    push = await startFakePushService();
    smtp = await startFakeSmtp();
    testApp = await createTestApp(dialect, {
      AMPARO_PUBLIC_URL: 'https://amparo.example.org',
      TWILIO_API_BASE: twilio.url,
      TWILIO_ACCOUNT_SID: twilio.accountSid,
      TWILIO_AUTH_TOKEN: twilio.authToken,
      TWILIO_FROM: '+13125550100',
      SMTP_URL: smtp.url,
      AMPARO_SMS_RATE_PER_SECOND: '100',
      AMPARO_PUSH_HOSTS: fakePushServiceHosts,
    });
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((worker) => worker.stop()));
  });
  afterAll(async () => {
    await testApp.close();
    await Promise.all([twilio.close(), push.close(), smtp.close()]);
  });

  const startWorker = async () => {
    const worker = await startTestWorker(testApp, testAdapters(testApp, push));
    workers.push(worker);
    return worker;
  };
  const textsTo = (phone: string) => twilio.messages.filter((message) => message.to === phone);
  const detail = async (world: AlertWorld, alertId: string) =>
    (await call(testApp, 'GET', `/api/alerts/${alertId}`, world.drafter)).json<DetailBody>();

  async function draftAndApprove(world: AlertWorld, body: Record<string, unknown> = {}) {
    const incidentId = await buildIncident(testApp.context, world.network.id);
    const draft = await call(testApp, 'POST', '/api/alerts', world.drafter, { incidentId, ...body });
    const { alert } = draft.json<DetailBody>();
    expect((await approve(testApp, alert.id, world.approver)).statusCode).toBe(200);
    return alert;
  }

  it('holds deliveries while the stop switch is on and sends them once it is turned off', async () => {
    const world = await buildAlertWorld(testApp);
    const phone = uniquePhone();
    await smsSubscribe(testApp, world.network.id, phone, 'ALTA 60608');
    const alert = await draftAndApprove(world);
    expect(
      (
        await call(testApp, 'POST', '/api/alerts/stop-switch', world.approver, {
          isStopped: true,
          reason: 'Checking a report',
        })
      ).statusCode,
    ).toBe(200);
    await startWorker();
    const held = await waitFor(
      () => detail(world, alert.id),
      (body) => body.deliveries.byChannel.sms.held === 1,
    );
    expect(held.deliveries.byChannel.sms.sent).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(textsTo(phone)).toHaveLength(0);
    expect(
      (
        await call(testApp, 'POST', '/api/alerts/stop-switch', world.approver, {
          isStopped: false,
          reason: 'Report checked',
        })
      ).statusCode,
    ).toBe(200);
    await waitFor(
      () => detail(world, alert.id),
      (body) => body.deliveries.byChannel.sms.sent === 1,
    );
    expect(textsTo(phone)).toHaveLength(1);
  });

  it('sends exercises only to exercise recipients (flagged subscribers and members), labelled EXERCISE', async () => {
    const world = await buildAlertWorld(testApp);
    const regular = uniquePhone();
    const tester = uniquePhone();
    await smsSubscribe(testApp, world.network.id, regular, 'ALTA 60608');
    await smsSubscribe(testApp, world.network.id, tester, 'JOIN 60608');
    const flag = await call(testApp, 'PUT', '/api/subscribers/exercise-recipient', world.approver, {
      channel: 'sms',
      contact: tester,
      isExerciseRecipient: true,
    });
    expect(flag.json()).toEqual({ isFound: true });
    const unknown = await call(testApp, 'PUT', '/api/subscribers/exercise-recipient', world.approver, {
      channel: 'sms',
      contact: uniquePhone(),
      isExerciseRecipient: true,
    });
    expect(unknown.json()).toEqual({ isFound: false });
    expect(
      (
        await call(testApp, 'PUT', '/api/subscribers/exercise-recipient', world.dispatcher, {
          channel: 'sms',
          contact: tester,
          isExerciseRecipient: true,
        })
      ).statusCode,
    ).toBe(403);
    const drillMember = await member(testApp.context, world.network.id, {
      roles: [{ role: 'responder' }],
      isExerciseRecipient: true,
      languages: ['es'],
    });
    const otherMember = await member(testApp.context, world.network.id, { roles: [{ role: 'responder' }] });
    await startWorker();

    const drill = await draftAndApprove(world, { status: 'exercise' });
    await waitFor(
      () => detail(world, drill.id),
      (body) => body.deliveries.byChannel.sms.sent === 1 && body.deliveries.byChannel.email.sent === 1,
    );
    expect(textsTo(regular)).toHaveLength(0);
    expect(textsTo(tester)).toHaveLength(1);
    expect(textsTo(tester)[0]!.body).toContain('EXERCISE');
    const memberMail = smtp.messages.filter((message) => message.to.includes(drillMember.email));
    expect(memberMail).toHaveLength(1);
    expect(memberMail[0]!.text).toContain('SIMULACRO (EXERCISE)');
    expect(memberMail[0]!.headers.subject).toBeDefined();
    expect(smtp.messages.filter((message) => message.to.includes(otherMember.email))).toHaveLength(0);

    // A live alert still reaches everyone subscribed, exercise recipients included; members get no live alerts by email.
    const live = await draftAndApprove(world);
    await waitFor(
      () => detail(world, live.id),
      (body) => body.deliveries.byChannel.sms.sent === 2,
    );
    expect(textsTo(regular)[0]!.body).not.toContain('EXERCISE');
    expect((await detail(world, live.id)).deliveries.byChannel.email.total).toBe(0);
  });

  it('retries a provider error with backoff, and drops a push subscription the service says is gone', async () => {
    const world = await buildAlertWorld(testApp);
    const phone = uniquePhone();
    await smsSubscribe(testApp, world.network.id, phone, 'ALTA 60608');
    const browser = push.subscribe();
    const subscribed = await call(
      testApp,
      'POST',
      `/api/public/${world.network.slug}/push-subscriptions`,
      null,
      {
        subscription: { endpoint: browser.endpoint, keys: browser.keys },
        zips: ['60608'],
        language: 'en',
      },
    );
    expect(subscribed.statusCode).toBe(201);
    twilio.failNext(1, 503);
    push.failNext(1, 410);
    await startWorker();
    const alert = await draftAndApprove(world);
    const done = await waitFor(
      () => detail(world, alert.id),
      (body) => body.deliveries.byChannel.sms.sent === 1 && body.deliveries.byChannel.push.failed === 1,
      30_000,
    );
    expect(done.deliveries.byChannel.push).toMatchObject({ failed: 1, sent: 0 });
    expect(textsTo(phone)).toHaveLength(1);
    const rows = await testApp.context.database.db
      .selectFrom('alert_deliveries')
      .select(['channel', 'attempts', 'error_code'])
      .where('alert_id', '=', alert.id)
      .orderBy('channel')
      .execute();
    expect(rows).toEqual([
      { channel: 'push', attempts: 1, error_code: 'push_410' },
      { channel: 'sms', attempts: 2, error_code: null },
    ]);
    const subscriber = await testApp.context.database.db
      .selectFrom('subscribers')
      .select('status')
      .where('id', '=', subscribed.json<{ subscriberId: string }>().subscriberId)
      .executeTakeFirstOrThrow();
    expect(subscriber.status).toBe('unsubscribed');
  });

  it('holds updates until 07:00 in the network zone, and sends them only to those who asked for updates', async () => {
    const zones = [
      'America/Chicago',
      'Europe/Berlin',
      'Asia/Tokyo',
      'America/Los_Angeles',
      'Asia/Kolkata',
      'Pacific/Auckland',
    ];
    const night = zones.find((zone) => isQuietTime(Date.now(), zone))!;
    const world = await buildAlertWorld(testApp, { timezone: night });
    const browser = push.subscribe();
    await call(testApp, 'POST', `/api/public/${world.network.slug}/push-subscriptions`, null, {
      subscription: { endpoint: browser.endpoint, keys: browser.keys },
      zips: ['60608'],
      language: 'en',
      preference: 'all',
    });
    const urgentOnly = uniquePhone();
    await smsSubscribe(testApp, world.network.id, urgentOnly, 'JOIN 60608');
    await startWorker();
    const update = await draftAndApprove(world, { template: 'allClear' });
    await waitFor(
      () => detail(world, update.id),
      (body) => body.deliveries.total === 1,
    );
    const { db } = testApp.context.database;
    const delivery = await db
      .selectFrom('alert_deliveries')
      .select(['id', 'status'])
      .where('alert_id', '=', update.id)
      .executeTakeFirstOrThrow();
    expect(delivery.status).toBe('pending');
    const job = await db
      .selectFrom('jobs')
      .select(['run_at', 'status'])
      .where('idempotency_key', '=', `alerts.deliverPush:${delivery.id}`)
      .executeTakeFirstOrThrow();
    const hour = Number(
      new Intl.DateTimeFormat('en-US', { timeZone: night, hour: 'numeric', hourCycle: 'h23' }).format(
        job.run_at,
      ),
    );
    expect(hour).toBe(7);
    expect(job.status).toBe('pending');
    expect(textsTo(urgentOnly)).toHaveLength(0);
  });

  it('keeps to the SMS rate across two workers', async () => {
    const world = await buildAlertWorld(testApp, { settings: { smsPerSecond: 5 } });
    const phones = Array.from({ length: 8 }, () => uniquePhone());
    for (const phone of phones) await smsSubscribe(testApp, world.network.id, phone, 'ALTA 60608');
    await startWorker();
    await startWorker();
    const alert = await draftAndApprove(world);
    await waitFor(
      () => detail(world, alert.id),
      (body) => body.deliveries.byChannel.sms.sent === 8,
      30_000,
    );
    // Both workers reserved their slots from the same rows: 5 per second is one slot every 200 ms.
    const rows = await testApp.context.database.db
      .selectFrom('alert_deliveries')
      .select(['slot_at', 'provider_message_id'])
      .where('alert_id', '=', alert.id)
      .execute();
    const slots = rows.map((row) => row.slot_at!).sort((a, b) => a - b);
    expect(Math.min(...slots.slice(1).map((slot, index) => slot - slots[index]!))).toBeGreaterThanOrEqual(
      200,
    );
    // And no text left before its slot. (Arrival times are not compared with each other: this
    // process runs the workers and the stand-in, so a busy test machine can bunch arrivals.)
    for (const row of rows) {
      const text = twilio.messages.find((message) => message.sid === row.provider_message_id)!;
      expect(text.receivedAt).toBeGreaterThanOrEqual(row.slot_at!);
    }
    expect(phones.every((phone) => textsTo(phone).length === 1)).toBe(true);
  });
});
