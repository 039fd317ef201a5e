import { afterAll, beforeAll, expect, it } from 'vitest';
import { zipArea } from '../../server/modules/alerting/subscriptions/subscription-areas.ts';
import {
  bouncesBeforeSuspension,
  contactIndexOf,
  subscriberContactContext,
} from '../../server/modules/alerting/subscriptions/index.ts';
import type { AlertDeliveryStatus } from '../../server/modules/alerting/alerts/alert.contract.ts';
import { newId } from '../../server/platform/ids/ids.ts';
import type { JobWorker } from '../../server/platform/jobs/index.ts';
import { signTwilioRequest } from '../../server/platform/sms/twilio-webhook.ts';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { startFakeTwilio } from '../support/fake-twilio.ts';
import type { FakeTwilio } from '../support/fake-twilio.ts';
import {
  buildAlertWorld,
  buildIncident,
  smsSubscribe,
  startTestWorker,
  testAdapters,
  waitFor,
} from './support/alert-world.ts';
import type { AlertWorld } from './support/alert-world.ts';
import { approve, call, uniquePhone } from './support/api.ts';
import { fakePushServiceHosts, startFakePushService } from './support/fake-push.ts';
import type { FakePushService } from './support/fake-push.ts';
import { startFakeSmtp } from './support/fake-smtp.ts';
import type { FakeSmtp } from './support/fake-smtp.ts';

const publicUrl = 'https://amparo.example.org';

describeEachDatabase('alert delivery through a provider’s bad minute', (dialect) => {
  let testApp: TestApp;
  let twilio: FakeTwilio;
  let push: FakePushService;
  let smtp: FakeSmtp;
  let worker: JobWorker;

  beforeAll(async () => {
    twilio = await startFakeTwilio();
    push = await startFakePushService();
    smtp = await startFakeSmtp();
    testApp = await createTestApp(dialect, {
      AMPARO_PUBLIC_URL: publicUrl,
      TWILIO_API_BASE: twilio.url,
      TWILIO_ACCOUNT_SID: twilio.accountSid,
      TWILIO_AUTH_TOKEN: twilio.authToken,
      TWILIO_FROM: '+13125550100',
      SMTP_URL: smtp.url,
      AMPARO_SMS_RATE_PER_SECOND: '100',
      // Short, so minutes of trouble fit in seconds: pauses of at most 1 s, calls cut at 1 s.
      AMPARO_DELIVERY_RETRY_CAP_MS: '1000',
      AMPARO_OUTBOUND_DEADLINE_MS: '1000',
      AMPARO_PUSH_HOSTS: fakePushServiceHosts,
    });
    worker = await startTestWorker(testApp, testAdapters(testApp, push));
  });
  afterAll(async () => {
    await worker.stop();
    await testApp.close();
    await Promise.all([twilio.close(), push.close(), smtp.close()]);
  });

  const db = () => testApp.context.database.db;
  const textsTo = (phone: string) => twilio.messages.filter((message) => message.to === phone);

  async function approvedAlert(world: AlertWorld): Promise<string> {
    const incidentId = await buildIncident(testApp.context, world.network.id);
    const draft = await call(testApp, 'POST', '/api/alerts', world.drafter, { incidentId, freeText: {} });
    expect(draft.statusCode).toBe(201);
    const alertId = draft.json<{ alert: { id: string } }>().alert.id;
    expect((await approve(testApp, alertId, world.approver)).statusCode).toBe(200);
    return alertId;
  }

  const deliveryStatus = async (world: AlertWorld, alertId: string) => {
    const response = await call(testApp, 'GET', `/api/alerts/${alertId}/delivery-status`, world.drafter);
    expect(response.statusCode).toBe(200);
    return response.json<AlertDeliveryStatus>();
  };

  const deliveriesOf = (alertId: string) =>
    db().selectFrom('alert_deliveries').selectAll().where('alert_id', '=', alertId).execute();

  async function smsSubscribers(world: AlertWorld, count: number): Promise<string[]> {
    const phones = Array.from({ length: count }, () => uniquePhone());
    for (const phone of phones) await smsSubscribe(testApp, world.network.id, phone, 'ALTA 60608');
    return phones;
  }

  /** An active email subscriber of ZIP 60608, stored the way the confirmed double opt-in stores one. */
  async function emailSubscriber(networkId: string, address: string, bounceCount = 0): Promise<string> {
    const id = newId();
    const now = testApp.context.clock.now();
    const crypto = testApp.context.crypto;
    await db()
      .insertInto('subscribers')
      .values({
        id,
        network_id: networkId,
        channel: 'email',
        contact_enc: crypto.encrypt(address, subscriberContactContext),
        contact_index: contactIndexOf(crypto, 'email', address),
        language: 'en',
        preference: 'urgent',
        status: 'active',
        is_exercise_recipient: 0,
        pending_settings: null,
        confirmation_hash: null,
        confirmation_expires_at: null,
        created_at: now,
        updated_at: now,
        confirmed_at: now,
        unsubscribed_at: null,
        bounce_count: bounceCount,
      })
      .execute();
    await db()
      .insertInto('subscriber_areas')
      .values({ ...zipArea('60608'), id: newId(), subscriber_id: id, network_id: networkId, created_at: now })
      .execute();
    return id;
  }

  it('(a) a provider that refuses everything for a while, then recovers: every subscriber gets the alert exactly once', async () => {
    const world = await buildAlertWorld(testApp);
    const phones = await smsSubscribers(world, 8);
    const refusalMs = 5_000;
    const attemptsBefore = twilio.attempts.length;
    twilio.refuseFor(refusalMs, { retryAfterSeconds: 1 });
    const started = Date.now();
    const alertId = await approvedAlert(world);

    // Coordinators see it live: queued and throttled, the provider throttled, an estimate.
    const during = await waitFor(
      () => deliveryStatus(world, alertId),
      (status) => status.channels.sms.throttled > 0 && status.channels.sms.provider.state === 'throttled',
    );
    expect(during.channels.sms.queued + during.channels.sms.sending).toBe(phones.length);
    expect(during.channels.sms.sent).toBe(0);
    expect(during.channels.sms.provider.lastErrorCode).toBe('sms_20429');
    expect(during.channels.sms.etaSeconds).toBeGreaterThan(0);

    await waitFor(
      () => phones.filter((phone) => textsTo(phone).length > 0).length,
      (count) => count === phones.length,
      30_000,
    );
    // Nothing got through while refused, and nobody was given up on.
    const firstAccepted = Math.min(...phones.map((phone) => textsTo(phone)[0]!.receivedAt));
    expect(firstAccepted - started).toBeGreaterThanOrEqual(refusalMs - 100);
    for (const phone of phones) expect(textsTo(phone)).toHaveLength(1);
    const rows = await waitFor(
      () => deliveriesOf(alertId),
      (list) => list.length === phones.length && list.every((row) => row.status === 'sent'),
    );
    for (const row of rows) {
      expect(row.provider_message_id).toBe(
        twilio.messages.find((message) => message.sid === row.provider_message_id)?.sid,
      );
    }
    // The channel backed off as one: far fewer refused calls than 8 deliveries retrying each second.
    const refused = twilio.attempts.slice(attemptsBefore).filter((attempt) => attempt.status === 429);
    console.info(
      `[resilience ${dialect}] refused SMS calls during a ${refusalMs} ms refusal: ${refused.length}`,
    );
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.length).toBeLessThanOrEqual(12);
    const after = await deliveryStatus(world, alertId);
    expect(after.channels.sms).toMatchObject({
      queued: 0,
      throttled: 0,
      sent: phones.length,
      failed: 0,
      etaSeconds: null,
    });
    expect(after.channels.sms.provider.state).toBe('healthy');

    // The report: one line per delivery, no phone number, no recipient id.
    const report = await call(testApp, 'GET', `/api/alerts/${alertId}/deliveries.csv`, world.drafter);
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toContain('text/csv');
    const lines = report.body.trim().split('\r\n');
    expect(lines[0]).toBe(
      'delivery,channel,language,status,attempts,reason,provider_status,created_at,sent_at,updated_at',
    );
    expect(lines).toHaveLength(phones.length + 1);
    for (const line of lines.slice(1)) expect(line).toMatch(/^[^,]+,sms,[a-z]{2},sent,\d+,/);
    for (const phone of phones) expect(report.body).not.toContain(phone.slice(2));
    for (const row of rows) expect(report.body).not.toContain(row.recipient_id);
    const state = await db()
      .selectFrom('delivery_channel_states')
      .selectAll()
      .where('key', '=', 'sms')
      .executeTakeFirstOrThrow();
    expect(state).toMatchObject({ state: 'healthy', consecutive_failures: 0, paused_until: null });
  });

  it('(b) Twilio 21610 for one number: not retried, that subscriber is stopped, the others get it', async () => {
    const world = await buildAlertWorld(testApp);
    const [stopped, other] = await smsSubscribers(world, 2);
    twilio.refuseNumber(stopped!, 400, 21610);
    const alertId = await approvedAlert(world);
    await waitFor(
      () => textsTo(other!).length,
      (count) => count === 1,
    );
    const rows = await waitFor(
      () => deliveriesOf(alertId),
      (list) => list.length === 2 && list.every((row) => row.status === 'sent' || row.status === 'failed'),
    );
    const refusedRow = rows.find((row) => row.status === 'failed')!;
    expect(refusedRow).toMatchObject({ error_code: 'sms_21610', attempts: 1 });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(twilio.attempts.filter((attempt) => attempt.to === stopped)).toHaveLength(1);
    const subscriber = await db()
      .selectFrom('subscribers')
      .select('status')
      .where('id', '=', refusedRow.recipient_id)
      .executeTakeFirstOrThrow();
    expect(subscriber.status).toBe('unsubscribed');
    const optOuts = await db()
      .selectFrom('sms_opt_outs')
      .selectAll()
      .where('network_id', '=', world.network.id)
      .execute();
    expect(optOuts).toHaveLength(1);
    const status = await deliveryStatus(world, alertId);
    expect(status.channels.sms).toMatchObject({ sent: 1, failed: 1, failureReasons: { sms_21610: 1 } });
  });

  it('(c) answers held past the deadline: reconciled by the list query, no duplicates, callbacks matched', async () => {
    const world = await buildAlertWorld(testApp);
    const phones = await smsSubscribers(world, 3);
    const queriesBefore = twilio.listQueries();
    twilio.holdAnswers(3, 2_500);
    const alertId = await approvedAlert(world);

    const rows = await waitFor(
      () => deliveriesOf(alertId),
      (list) => list.length === 3 && list.every((row) => row.status === 'sent'),
      25_000,
    );
    // Each phone has exactly one text; each delivery carries that text's SID.
    for (const phone of phones) expect(textsTo(phone)).toHaveLength(1);
    for (const row of rows)
      expect(twilio.messages.some((message) => message.sid === row.provider_message_id)).toBe(true);
    expect(new Set(rows.map((row) => row.provider_message_id)).size).toBe(3);
    expect(twilio.listQueries() - queriesBefore).toBeGreaterThanOrEqual(3);
    // No resend happened after reconciliation.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    for (const phone of phones) expect(textsTo(phone)).toHaveLength(1);

    // Twilio's delivered callback now finds its delivery.
    const params = {
      MessageSid: rows[0]!.provider_message_id!,
      MessageStatus: 'delivered',
      AccountSid: twilio.accountSid,
    };
    const callback = await testApp.app.inject({
      method: 'POST',
      url: '/webhooks/twilio/status',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': signTwilioRequest(
          twilio.authToken,
          `${publicUrl}/webhooks/twilio/status`,
          params,
        ),
      },
      payload: new URLSearchParams(params).toString(),
    });
    expect(callback.statusCode).toBe(204);
    const updated = await db()
      .selectFrom('alert_deliveries')
      .select('provider_status')
      .where('id', '=', rows[0]!.id)
      .executeTakeFirstOrThrow();
    expect(updated.provider_status).toBe('delivered');
  });

  it('(c) a send lost before Twilio recorded it: the list query finds nothing, it is resent, once', async () => {
    const world = await buildAlertWorld(testApp);
    const [phone] = await smsSubscribers(world, 1);
    twilio.loseNext(1);
    const alertId = await approvedAlert(world);
    const [row] = await waitFor(
      () => deliveriesOf(alertId),
      (list) => list.length === 1 && list[0]!.status === 'sent',
      20_000,
    );
    // Two calls reached the stand-in; only the second was recorded, and it is the one delivered.
    expect(twilio.attempts.filter((attempt) => attempt.to === phone)).toHaveLength(2);
    expect(textsTo(phone!)).toHaveLength(1);
    expect(row!.provider_message_id).toBe(textsTo(phone!)[0]!.sid);
    expect(row!.attempts).toBe(2);
  });

  it('Web Push: 429 with Retry-After is retried no sooner than asked; 410 removes the subscription', async () => {
    const world = await buildAlertWorld(testApp);
    const subscribe = async () => {
      const browser = push.subscribe();
      const response = await call(
        testApp,
        'POST',
        `/api/public/${world.network.slug}/push-subscriptions`,
        null,
        {
          subscription: { endpoint: browser.endpoint, expirationTime: null, keys: browser.keys },
          zips: ['60608'],
          language: 'en',
          preference: 'urgent',
        },
      );
      expect(response.statusCode).toBe(201);
      return browser;
    };
    const throttled = await subscribe();
    const receivedBefore = push.received.length;
    push.failNext(1, 429, 2);
    const started = Date.now();
    const alertId = await approvedAlert(world);
    const pushesTo = () => push.received.filter((received) => throttled.endpoint.endsWith(received.path));
    await waitFor(
      () => pushesTo().length,
      (count) => count === 2,
      15_000,
    );
    const rows = await waitFor(
      () => deliveriesOf(alertId),
      (list) => list.length === 1 && list.every((row) => row.status === 'sent'),
    );
    expect(rows[0]!.attempts).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
    expect(push.received.length - receivedBefore).toBe(2);

    const gone = await subscribe();
    push.failNext(1, 410);
    const second = await approvedAlert(world);
    const goneRows = await waitFor(
      () => deliveriesOf(second),
      (list) => list.some((row) => row.status === 'failed') && list.some((row) => row.status === 'sent'),
    );
    const failed = goneRows.find((row) => row.status === 'failed')!;
    expect(failed).toMatchObject({ error_code: 'push_410', attempts: 1 });
    const subscriber = await db()
      .selectFrom('subscribers')
      .select(['status', 'id'])
      .where('id', '=', failed.recipient_id)
      .executeTakeFirstOrThrow();
    expect(subscriber.status).toBe('unsubscribed');
    expect(push.received.filter((received) => gone.endpoint.endsWith(received.path))).toHaveLength(1);
  });

  it('SMTP: 4xx is retried until accepted (once), 5xx bounces and suspends the address after a few', async () => {
    const world = await buildAlertWorld(testApp);
    const later = `later-${newId()}@example.test`;
    const bouncing = `bouncing-${newId()}@example.test`;
    await emailSubscriber(world.network.id, later);
    const bouncingId = await emailSubscriber(world.network.id, bouncing, bouncesBeforeSuspension - 1);
    smtp.refuseRecipient(later, 450, 2);
    smtp.refuseRecipient(bouncing, 550);
    const alertId = await approvedAlert(world);

    const rows = await waitFor(
      () => deliveriesOf(alertId),
      (list) => list.length === 2 && list.every((row) => row.status === 'sent' || row.status === 'failed'),
      15_000,
    );
    expect(smtp.messages.filter((message) => message.to.includes(later))).toHaveLength(1);
    const accepted = rows.find((row) => row.status === 'sent')!;
    expect(accepted.attempts).toBe(3);
    const bounced = rows.find((row) => row.status === 'failed')!;
    expect(bounced).toMatchObject({ recipient_id: bouncingId, error_code: 'email_550', attempts: 1 });
    const subscriber = await db()
      .selectFrom('subscribers')
      .select(['status', 'bounce_count'])
      .where('id', '=', bouncingId)
      .executeTakeFirstOrThrow();
    expect(subscriber).toEqual({ status: 'suspended', bounce_count: bouncesBeforeSuspension });
    // The same Message-ID on every attempt of one delivery.
    const [mail] = smtp.messages.filter((message) => message.to.includes(later));
    expect(mail!.headers['message-id']).toBe(`<delivery-${accepted.id}@amparo.example.org>`);
  });
});
