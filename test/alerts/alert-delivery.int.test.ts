import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadVapidKeys } from '../../server/platform/push/index.ts';
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
import { approve, call, outcome, uniquePhone } from './support/api.ts';
import type { DeliverySummary } from './support/api.ts';
import { fakePushServiceHosts, startFakePushService } from './support/fake-push.ts';
import type { BrowserSubscription, FakePushService } from './support/fake-push.ts';
import { startFakeSmtp } from './support/fake-smtp.ts';
import type { FakeSmtp } from './support/fake-smtp.ts';

const publicUrl = 'https://amparo.example.org';

interface AlertBody {
  alert: { id: string; publicId: string; state: string; kind: string; referencesAlertId: string | null };
}
interface DetailBody extends AlertBody {
  deliveries: DeliverySummary;
}

describeEachDatabase('verified alerts, end to end', (dialect) => {
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
      AMPARO_PUSH_HOSTS: fakePushServiceHosts,
    });
    worker = await startTestWorker(testApp, testAdapters(testApp, push));
  });
  afterAll(async () => {
    await worker.stop();
    await testApp.close();
    await Promise.all([twilio.close(), push.close(), smtp.close()]);
  });

  const textsTo = (phone: string) => twilio.messages.filter((message) => message.to === phone);
  const pushesTo = (browser: BrowserSubscription) =>
    push.received.filter((received) => browser.endpoint.endsWith(received.path));

  async function subscribeBrowser(world: AlertWorld, language = 'es') {
    const browser = push.subscribe();
    const response = await call(
      testApp,
      'POST',
      `/api/public/${world.network.slug}/push-subscriptions`,
      null,
      {
        subscription: { endpoint: browser.endpoint, expirationTime: null, keys: browser.keys },
        zips: ['60608'],
        language,
        preference: 'urgent',
      },
    );
    expect(response.statusCode).toBe(201);
    return browser;
  }

  async function draftAndApprove(
    world: AlertWorld,
    incidentId: string,
    freeText: Record<string, string> = {},
  ) {
    const draft = await call(testApp, 'POST', '/api/alerts', world.drafter, { incidentId, freeText });
    expect(draft.statusCode).toBe(201);
    const { alert } = draft.json<AlertBody>();
    const approved = await approve(testApp, alert.id, world.approver);
    expect(approved.statusCode).toBe(200);
    return alert;
  }

  const detail = async (world: AlertWorld, alertId: string) =>
    (await call(testApp, 'GET', `/api/alerts/${alertId}`, world.drafter)).json<DetailBody>();

  it('reaches a subscriber who texted ALTA and a browser push subscriber, after two coordinators', async () => {
    const world = await buildAlertWorld(testApp);
    const phone = uniquePhone();
    const joined = await smsSubscribe(testApp, world.network.id, phone, '  alta   60608 ');
    expect(joined.handled).toBe(true);
    expect(joined.replies[0]).toContain('60608');
    expect(joined.replies[0]).toContain('ALTO');
    const browser = await subscribeBrowser(world);
    const incidentId = await buildIncident(testApp.context, world.network.id);

    const draft = await call(testApp, 'POST', '/api/alerts', world.drafter, {
      incidentId,
      freeText: { es: 'Cerca de la panadería de la calle 18.' },
    });
    expect(draft.statusCode).toBe(201);
    const { alert } = draft.json<AlertBody>();
    expect(alert.state).toBe('draft');
    // Nothing leaves before a second person approves.
    const selfApproval = await approve(testApp, alert.id, world.drafter);
    expect(outcome(selfApproval)).toEqual([403, 'ALERT_SELF_APPROVAL']);

    const preview = await call(testApp, 'GET', `/api/alerts/${alert.id}/preview`, world.approver);
    expect(preview.statusCode).toBe(200);
    const previewBody = preview.json<{
      recipients: { sms: number; push: number; email: number; total: number };
      languages: { language: string; sms: string; smsSegments: { encoding: string; segments: number } }[];
      sms: { ratePerSecond: number; estimatedSeconds: number };
    }>();
    expect(previewBody.recipients).toMatchObject({ sms: 1, push: 1, email: 0, total: 2 });
    expect(previewBody.languages.map((entry) => entry.language).sort()).toEqual(['ar', 'en', 'es']);
    const arabic = previewBody.languages.find((entry) => entry.language === 'ar')!;
    expect(arabic.smsSegments.encoding).toBe('UCS-2');
    expect(arabic.smsSegments.segments).toBeGreaterThan(1);
    expect(previewBody.sms.ratePerSecond).toBe(100);
    expect(twilio.messages.filter((message) => message.to === phone)).toHaveLength(0);

    const approved = await approve(testApp, alert.id, world.approver);
    expect(approved.statusCode).toBe(200);

    await waitFor(
      () => textsTo(phone).length + pushesTo(browser).length,
      (count) => count >= 2,
    );
    const [text] = textsTo(phone);
    expect(text!.body).toContain('VERIFICADO');
    expect(text!.body).toContain('panadería');
    expect(text!.body).toContain(`${publicUrl}/a/${world.network.slug}`);
    expect(text!.statusCallback).toBe(`${publicUrl}/webhooks/twilio/status`);

    const [received] = pushesTo(browser);
    expect(received!.isVapidValid).toBe(true);
    const keys = await loadVapidKeys({
      db: testApp.context.database.db,
      crypto: testApp.context.crypto,
      clock: testApp.context.clock,
    });
    expect(received!.vapidPublicKey).toBe(keys.publicKey);
    expect(received!.headers['content-encoding']).toBe('aes128gcm');
    expect(received!.headers.urgency).toBe('high');
    // The push carries the alert id and nothing else: no text, no place.
    expect(JSON.parse(received!.payload!)).toEqual({ id: alert.publicId });

    const summary = await waitFor(
      () => detail(world, alert.id),
      (body) => body.deliveries.byChannel.push.sent === 1 && body.deliveries.byChannel.sms.sent === 1,
    );
    expect(summary.deliveries.total).toBe(2);

    // What the service worker fetches after the push: the published alert in the subscriber's language.
    const fetched = await call(testApp, 'GET', `/api/public/alerts/${alert.publicId}?lang=es`, null);
    expect(fetched.statusCode).toBe(200);
    expect(fetched.json<{ message: { headline: string; text: string } }>().message.text).toContain(
      'VERIFICADO',
    );

    // A second run of the planner or of any delivery job sends nothing more.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(textsTo(phone)).toHaveLength(1);
    expect(pushesTo(browser)).toHaveLength(1);
  });

  it('ends texts at once on STOP (any case or spacing), and records STOP from unknown numbers by blind index', async () => {
    const world = await buildAlertWorld(testApp);
    const staying = uniquePhone();
    const leaving = uniquePhone();
    const stranger = uniquePhone();
    await smsSubscribe(testApp, world.network.id, staying, 'JOIN 60608');
    await smsSubscribe(testApp, world.network.id, leaving, 'ALTA 60608');
    const stopped = await smsSubscribe(testApp, world.network.id, leaving, ' stop. ');
    expect(stopped).toMatchObject({ handled: true });
    expect(stopped.replies[0]).toContain('ALTA');
    expect(await smsSubscribe(testApp, world.network.id, stranger, 'UNSUBSCRIBE')).toMatchObject({
      handled: true,
    });
    const optOuts = await testApp.context.database.db
      .selectFrom('sms_opt_outs')
      .selectAll()
      .where('network_id', '=', world.network.id)
      .execute();
    expect(optOuts).toHaveLength(2);
    expect(JSON.stringify(optOuts)).not.toContain(stranger.slice(2));

    const alert = await draftAndApprove(world, await buildIncident(testApp.context, world.network.id));
    await waitFor(
      () => detail(world, alert.id),
      (body) => body.deliveries.byChannel.sms.sent === 1,
    );
    expect(textsTo(staying)).toHaveLength(1);
    expect(textsTo(leaving)).toHaveLength(0);

    // Texting ALTA again is an explicit return: the opt-out is lifted.
    await smsSubscribe(testApp, world.network.id, leaving, 'Alta 60608');
    const second = await draftAndApprove(world, await buildIncident(testApp.context, world.network.id));
    await waitFor(
      () => detail(world, second.id),
      (body) => body.deliveries.byChannel.sms.sent === 2,
    );
    expect(textsTo(leaving)).toHaveLength(1);
  });

  it('sends a correction and a cancellation to exactly the same people, referencing the original', async () => {
    const world = await buildAlertWorld(testApp);
    const inside = uniquePhone();
    const outside = uniquePhone();
    const late = uniquePhone();
    await smsSubscribe(testApp, world.network.id, inside, 'ALTA 60608');
    await smsSubscribe(testApp, world.network.id, outside, 'JOIN 60601');
    const browser = await subscribeBrowser(world, 'en');
    const original = await draftAndApprove(world, await buildIncident(testApp.context, world.network.id));
    await waitFor(
      () => detail(world, original.id),
      (body) => body.deliveries.byChannel.sms.sent + body.deliveries.byChannel.push.sent === 2,
    );
    await smsSubscribe(testApp, world.network.id, late, 'ALTA 60608');

    const corrected = await call(testApp, 'POST', `/api/alerts/${original.id}/correct`, world.dispatcher, {
      freeText: { en: 'The agents were at the warehouse on Cermak, not the bakery.' },
    });
    expect(corrected.statusCode).toBe(201);
    const correction = corrected.json<AlertBody>().alert;
    expect(correction).toMatchObject({ kind: 'correction', state: 'draft', referencesAlertId: original.id });
    // The same two-person rule: its drafter (the dispatcher) cannot approve, a coordinator can.
    expect(outcome(await approve(testApp, correction.id, world.dispatcher))).toEqual([403, 'FORBIDDEN']);
    expect((await approve(testApp, correction.id, world.approver)).statusCode).toBe(200);
    await waitFor(
      () => detail(world, correction.id),
      (body) => body.deliveries.byChannel.sms.sent + body.deliveries.byChannel.push.sent === 2,
    );
    expect(textsTo(inside).map((message) => message.body)).toEqual([
      expect.stringContaining('VERIFICADO'),
      expect.stringContaining('CORRECCIÓN'),
    ]);
    expect(pushesTo(browser)).toHaveLength(2);
    expect(textsTo(outside)).toHaveLength(0);
    expect(textsTo(late)).toHaveLength(0);

    // Cancel: drafted by one coordinator, approved by another (its words are public), then sent
    // to the same people.
    const cancelled = await call(testApp, 'POST', `/api/alerts/${correction.id}/cancel`, world.approver, {});
    expect(cancelled.statusCode).toBe(201);
    const cancellation = cancelled.json<AlertBody>().alert;
    expect(cancellation).toMatchObject({ kind: 'cancellation', state: 'draft' });
    expect(outcome(await approve(testApp, cancellation.id, world.approver))).toEqual([
      403,
      'ALERT_SELF_APPROVAL',
    ]);
    expect((await approve(testApp, cancellation.id, world.drafter)).statusCode).toBe(200);
    await waitFor(
      () => detail(world, cancellation.id),
      (body) => body.deliveries.byChannel.sms.sent + body.deliveries.byChannel.push.sent === 2,
    );
    expect(textsTo(inside).at(-1)!.body).toContain('CANCELADA');
    expect(pushesTo(browser)).toHaveLength(3);
    expect(textsTo(late)).toHaveLength(0);
    // A cancelled thread cannot be corrected or cancelled again.
    expect(
      outcome(await call(testApp, 'POST', `/api/alerts/${original.id}/correct`, world.dispatcher, {})),
    ).toEqual([409, 'ALERT_NOT_LIVE']);
  });

  it('records Twilio status callbacks only when the signature is valid', async () => {
    const world = await buildAlertWorld(testApp);
    const phone = uniquePhone();
    await smsSubscribe(testApp, world.network.id, phone, 'JOIN 60608');
    const alert = await draftAndApprove(world, await buildIncident(testApp.context, world.network.id));
    await waitFor(
      () => textsTo(phone).length,
      (count) => count === 1,
    );
    const params = {
      MessageSid: textsTo(phone)[0]!.sid,
      MessageStatus: 'delivered',
      AccountSid: twilio.accountSid,
    };
    const form = new URLSearchParams(params).toString();
    const headers = { 'content-type': 'application/x-www-form-urlencoded' };
    const forged = await testApp.app.inject({
      method: 'POST',
      url: '/webhooks/twilio/status',
      headers: { ...headers, 'x-twilio-signature': 'forged' },
      payload: form,
    });
    expect(outcome(forged)).toEqual([403, 'TWILIO_SIGNATURE_INVALID']);
    const unsigned = await testApp.app.inject({
      method: 'POST',
      url: '/webhooks/twilio/status',
      headers,
      payload: form,
    });
    expect(unsigned.statusCode).toBe(403);
    const signature = signTwilioRequest(twilio.authToken, `${publicUrl}/webhooks/twilio/status`, params);
    const signed = await testApp.app.inject({
      method: 'POST',
      url: '/webhooks/twilio/status',
      headers: { ...headers, 'x-twilio-signature': signature },
      payload: form,
    });
    expect(signed.statusCode).toBe(204);
    const body = await waitFor(
      () => detail(world, alert.id),
      (value) => value.deliveries.byChannel.sms.delivered === 1,
    );
    expect(body.deliveries.byChannel.sms).toMatchObject({ sent: 1, delivered: 1 });
  });
});
