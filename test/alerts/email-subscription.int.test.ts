import { afterAll, beforeAll, expect, it } from 'vitest';
import type { JobWorker } from '../../server/platform/jobs/index.ts';
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
import type { DeliverySummary } from './support/api.ts';
import { startFakeSmtp } from './support/fake-smtp.ts';
import type { FakeSmtp } from './support/fake-smtp.ts';

const publicUrl = 'https://amparo.example.org';

describeEachDatabase('email subscriptions', (dialect) => {
  let testApp: TestApp;
  let twilio: FakeTwilio;
  let smtp: FakeSmtp;
  let worker: JobWorker;

  beforeAll(async () => {
    twilio = await startFakeTwilio();
    smtp = await startFakeSmtp();
    testApp = await createTestApp(dialect, {
      AMPARO_PUBLIC_URL: publicUrl,
      TWILIO_API_BASE: twilio.url,
      TWILIO_ACCOUNT_SID: twilio.accountSid,
      TWILIO_AUTH_TOKEN: twilio.authToken,
      TWILIO_FROM: '+13125550100',
      SMTP_URL: smtp.url,
      AMPARO_SMS_RATE_PER_SECOND: '100',
    });
    worker = await startTestWorker(testApp, testAdapters(testApp, null));
  });
  afterAll(async () => {
    await worker.stop();
    await testApp.close();
    await Promise.all([twilio.close(), smtp.close()]);
  });

  async function draftAndApprove(world: AlertWorld, incidentId: string) {
    const draft = await call(testApp, 'POST', '/api/alerts', world.drafter, { incidentId });
    expect(draft.statusCode).toBe(201);
    const { alert } = draft.json<{ alert: { id: string } }>();
    expect((await approve(testApp, alert.id, world.approver)).statusCode).toBe(200);
    return alert;
  }

  const detail = async (world: AlertWorld, alertId: string) =>
    (await call(testApp, 'GET', `/api/alerts/${alertId}`, world.drafter)).json<{
      deliveries: DeliverySummary;
    }>();

  it('email needs double opt-in: nothing before the link is followed, then alerts with a one-click unsubscribe', async () => {
    const world = await buildAlertWorld(testApp, { settings: { alertCapPerAreaPerHour: 10 } });
    const address = `subscriber-${Date.now()}@example.test`;
    const form = await testApp.app.inject({
      method: 'POST',
      url: `/a/${world.network.slug}/subscribe/email`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
      payload: new URLSearchParams({
        email: address,
        zips: '60608',
        language: 'en',
        preference: 'urgent',
      }).toString(),
    });
    expect(form.statusCode).toBe(200);
    const confirmation = await waitFor(
      () => smtp.messages.find((message) => message.to.includes(address)),
      Boolean,
    );
    const link = /https:\/\/amparo\.example\.org(\/a\/[^\s]+\/confirm\/[A-Za-z0-9_-]+)/.exec(
      confirmation!.text,
    )?.[1];
    expect(link).toBeDefined();
    const witness = uniquePhone();
    await smsSubscribe(testApp, world.network.id, witness, 'ALTA 60608');

    const before = await draftAndApprove(world, await buildIncident(testApp.context, world.network.id));
    await waitFor(
      () => detail(world, before.id),
      (body) => body.deliveries.byChannel.sms.sent === 1,
    );
    expect((await detail(world, before.id)).deliveries.byChannel.email.total).toBe(0);

    // The link shows a button (mail scanners follow links); pressing it confirms.
    const page = await testApp.app.inject({ method: 'GET', url: link! });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('method="post"');
    expect(smtp.messages.filter((message) => message.to.includes(address))).toHaveLength(1);
    expect((await testApp.app.inject({ method: 'POST', url: link!, payload: {} })).statusCode).toBe(200);

    const after = await draftAndApprove(world, await buildIncident(testApp.context, world.network.id));
    const alertEmail = await waitFor(
      () => smtp.messages.filter((message) => message.to.includes(address)),
      (list) => list.length === 2,
    );
    const mail = alertEmail[1]!;
    expect(mail.text).toContain('VERIFIED');
    const unsubscribe = /<https:\/\/amparo\.example\.org([^>]+)>/.exec(
      mail.headers['list-unsubscribe'] ?? '',
    )?.[1];
    expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(mail.text).toContain(`${publicUrl}${unsubscribe}`);
    await waitFor(
      () => detail(world, after.id),
      (body) => body.deliveries.byChannel.email.sent === 1,
    );

    const oneClick = await testApp.app.inject({
      method: 'POST',
      url: unsubscribe!,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.statusCode).toBe(200);
    const third = await draftAndApprove(world, await buildIncident(testApp.context, world.network.id));
    await waitFor(
      () => detail(world, third.id),
      (body) => body.deliveries.byChannel.sms.sent === 1,
    );
    expect((await detail(world, third.id)).deliveries.byChannel.email.sent).toBe(0);
  });
});
