import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DialectName } from '../../server/platform/database/database.ts';
import { signTwilioRequest } from '../../server/platform/sms/twilio-webhook.ts';
import { buildIncident } from '../alerts/support/alert-world.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { startFakeTwilio } from '../support/fake-twilio.ts';
import type { FakeTwilio } from '../support/fake-twilio.ts';
import { buildArea, buildMember, buildNetwork } from '../support/factories.ts';
import type { BuiltMember } from '../support/factories.ts';
import type { ServerProcess } from '../support/server-process.ts';
import {
  callFromPage,
  clickWithStepUp,
  expectAccessible,
  freePort,
  newPerson,
  screenshot,
  shouldRunBrowserTests,
  signInMember,
  startBrowserWorld,
} from './browser-support.ts';
import type { BrowserWorld } from './browser-support.ts';

const isEnabled = shouldRunBrowserTests();
const pilsen = { lat: 41.8515, lon: -87.6694 };
const hotline = '+13125550143';
const phones = ['+13125550171', '+13125550172', '+13125550173'];

if (!isEnabled)
  describe.skip('delivery status in Chromium (Chromium not installed)', () =>
    it('shows a throttled provider live, then every text sent, and the report', () => undefined));
else describeEachDatabase('delivery status in Chromium', (dialect) => deliveryStatus(dialect));

function deliveryStatus(dialect: DialectName): void {
  let world: BrowserWorld;
  let server: ServerProcess;
  let browser: Browser;
  let twilio: FakeTwilio;
  let publicUrl = '';
  let drafter: BuiltMember;
  let approver: BuiltMember;
  let networkId = '';

  beforeAll(async () => {
    twilio = await startFakeTwilio();
    const port = await freePort();
    publicUrl = `http://localhost:${port}`;
    world = await startBrowserWorld(dialect, {
      PORT: String(port),
      AMPARO_PUBLIC_URL: publicUrl,
      TWILIO_API_BASE: twilio.url,
      TWILIO_ACCOUNT_SID: twilio.accountSid,
      TWILIO_AUTH_TOKEN: twilio.authToken,
      TWILIO_FROM: hotline,
      AMPARO_SMS_RATE_PER_SECOND: '100',
      AMPARO_DELIVERY_RETRY_CAP_MS: '1000',
    });
    ({ server, browser } = world);
    const context = world.factories;
    const network = await buildNetwork(context, {
      languages: ['en', 'es', 'ar'],
      settings: { hotlineNumbers: [hotline], smsPerSecond: 100 },
    });
    networkId = network.id;
    await buildArea(context, network.id, { name: 'Pilsen', center: pilsen, radiusMeters: 3000 });
    const build = (displayName: string) =>
      buildMember(context, { networkId, displayName, roles: [{ role: 'coordinator' }], withTotp: true });
    drafter = await build('Carla Coordinator');
    approver = await build('Ana Approver');
    for (const phone of phones) await textTheHotline(phone, 'JOIN 60608');
  });

  afterAll(async () => {
    await world?.stop();
    await twilio?.close();
  });

  async function textTheHotline(from: string, body: string): Promise<void> {
    const params = { From: from, To: hotline, Body: body };
    const response = await fetch(`${server.url}/webhooks/twilio/sms`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': signTwilioRequest(twilio.authToken, `${publicUrl}/webhooks/twilio/sms`, params),
      },
      body: new URLSearchParams(params).toString(),
    });
    expect(response.status).toBe(200);
  }

  it('shows a throttled provider live, then every text sent once, and a report without contacts', async () => {
    const incidentId = await buildIncident(world.factories, networkId);
    const drafting = await newPerson(browser);
    await signInMember(drafting.page, server.url, drafter);
    const { alert } = await callFromPage<{ alert: { id: string } }>(drafting.page, 'POST', '/api/alerts', {
      incidentId,
      freeText: {},
    });

    const approving = await newPerson(browser);
    await signInMember(approving.page, server.url, approver);
    await approving.page.goto(`${server.url}/app/#/alerts/${alert.id}`);
    await approving.page.waitForSelector('#frozen-title');
    expect(await approving.page.locator('[data-delivery-status]').count()).toBe(0);

    // The provider refuses everything until the screen has shown it throttled, then recovers
    // (a timed refusal could end before a slow machine finished the approval).
    const sentBefore = twilio.messages.length; // a retried attempt starts after the first one's texts
    twilio.refuseFor(120_000, { retryAfterSeconds: 1 });
    const approved = approving.page.locator('[data-alert-state=approved]');
    await clickWithStepUp(approving.page, '#approve-alert', approver, approved);

    const sms = approving.page.locator('[data-delivery-status] tr[data-channel=sms]');
    await sms.locator('[data-provider-state=throttled]').waitFor({ timeout: 15_000 });
    expect(await sms.locator('[data-count=sent]').textContent()).toBe('0');
    expect(Number(await sms.locator('[data-count=throttled]').textContent())).toBeGreaterThan(0);
    expect(await sms.locator('[data-eta]').textContent()).toMatch(/^about \d+ seconds?$/);
    await expectAccessible(approving.page, 'delivery status (throttled)');
    await screenshot(approving.page, 'alert-delivery-throttled');

    // Without reloading: the provider recovers and every subscriber gets exactly one text.
    twilio.recover();
    await sms.locator('[data-provider-state=healthy]').waitFor({ timeout: 30_000 });
    await expect.poll(() => sms.locator('[data-count=sent]').textContent(), { timeout: 30_000 }).toBe('3');
    expect(await sms.locator('[data-count=queued]').textContent()).toBe('0');
    expect(await sms.locator('[data-eta]').textContent()).toBe('—');
    for (const phone of phones)
      expect(twilio.messages.slice(sentBefore).filter((message) => message.to === phone)).toHaveLength(1);
    await screenshot(approving.page, 'alert-delivery-done');

    // The report behind the link: one line per delivery, no phone number.
    const href = (await approving.page.getAttribute('[data-delivery-report]', 'href'))!;
    const report = await approving.page.evaluate(async (path) => (await fetch(path)).text(), href);
    const lines = report.trim().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines.slice(1).every((line) => line.includes(',sms,') && line.includes(',sent,'))).toBe(true);
    for (const phone of phones) expect(report).not.toContain(phone.slice(2));

    for (const person of [drafting, approving]) {
      expect(person.problems).toEqual([]);
      await person.context.close();
    }
  }, 120_000);
}
