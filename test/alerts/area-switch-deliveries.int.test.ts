import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
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

describeEachDatabase('deliveries under an area stop switch', (dialect) => {
  let testApp: TestApp;
  let twilio: FakeTwilio;
  const workers: JobWorker[] = [];

  beforeAll(async () => {
    twilio = await startFakeTwilio();
    testApp = await createTestApp(dialect, {
      AMPARO_PUBLIC_URL: 'https://amparo.example.org',
      TWILIO_API_BASE: twilio.url,
      TWILIO_ACCOUNT_SID: twilio.accountSid,
      TWILIO_AUTH_TOKEN: twilio.authToken,
      TWILIO_FROM: '+13125550100',
      AMPARO_SMS_RATE_PER_SECOND: '100',
    });
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((worker) => worker.stop()));
  });
  afterAll(async () => {
    await testApp.close();
    await twilio.close();
  });

  const detail = async (world: AlertWorld, alertId: string) =>
    (await call(testApp, 'GET', `/api/alerts/${alertId}`, world.drafter)).json<{
      deliveries: DeliverySummary;
    }>();

  it('holds an approved alert of a stopped area, and sends it once the area is resumed', async () => {
    const world = await buildAlertWorld(testApp);
    const phone = uniquePhone();
    await smsSubscribe(testApp, world.network.id, phone, 'ALTA 60608');
    const incidentId = await buildIncident(testApp.context, world.network.id);
    const draft = await call(testApp, 'POST', '/api/alerts', world.drafter, { incidentId });
    const alertId = draft.json<{ alert: { id: string } }>().alert.id;
    expect((await approve(testApp, alertId, world.approver)).statusCode).toBe(200);
    const url = '/api/alerts/area-switches';
    const stop = { areaId: world.areaId, isStopped: true, reason: 'Approved by mistake, checking' };
    expect((await call(testApp, 'POST', url, world.approver, stop)).statusCode).toBe(200);

    workers.push(await startTestWorker(testApp, testAdapters(testApp, null)));
    await waitFor(
      () => detail(world, alertId),
      (body) => body.deliveries.byChannel.sms.held === 1,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(twilio.messages.filter((message) => message.to === phone)).toHaveLength(0);

    const resume = { ...stop, isStopped: false, reason: 'Checked, it is right' };
    expect((await call(testApp, 'POST', url, world.approver, resume)).statusCode).toBe(200);
    await waitFor(
      () => detail(world, alertId),
      (body) => body.deliveries.byChannel.sms.sent === 1,
    );
    expect(twilio.messages.filter((message) => message.to === phone)).toHaveLength(1);
  });
});
