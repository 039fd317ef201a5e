import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DialectName } from '../../server/platform/database/database.ts';
import { signTwilioRequest } from '../../server/platform/sms/twilio-webhook.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { startFakeTwilio } from '../support/fake-twilio.ts';
import type { FakeTwilio } from '../support/fake-twilio.ts';
import { buildArea, buildMember, buildNetwork } from '../support/factories.ts';
import type { BuiltMember } from '../support/factories.ts';
import type { ServerProcess } from '../support/server-process.ts';
import {
  chooseLanguage,
  clickWithStepUp,
  expectAccessible,
  freePort,
  newPerson,
  operatorReport,
  screenshot,
  shouldRunBrowserTests,
  signInMember,
  startBrowserWorld,
} from './browser-support.ts';
import type { BrowserWorld } from './browser-support.ts';

const isEnabled = shouldRunBrowserTests();
const languages = ['en', 'es', 'ar'] as const;
const pilsen = { lat: 41.8515, lon: -87.6694 };
const hotline = '+13125550143';
const drillPhone = '+13125550181';
const otherPhone = '+13125550182';

if (!isEnabled)
  describe.skip('the alert composer in Chromium (Chromium not installed)', () =>
    it('drafts a drill from an unverified incident with an override two people confirm', () => undefined));
else describeEachDatabase('the alert composer in Chromium', (dialect) => composer(dialect));

/**
 * Issue 17 §1–2: the composer whole (kind, reach, own words per language, drill, the override for
 * an unverified incident) and exercise mode (who drills reach), driven as coordinators would.
 */
function composer(dialect: DialectName): void {
  let world: BrowserWorld;
  let server: ServerProcess;
  let browser: Browser;
  let twilio: FakeTwilio;
  let publicUrl = '';
  let drafter: BuiltMember;
  let approver: BuiltMember;

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
    });
    ({ server, browser } = world);
    const context = world.factories;
    const network = await buildNetwork(context, {
      languages: [...languages],
      settings: { hotlineNumbers: [hotline], smsPerSecond: 100 },
    });
    await buildArea(context, network.id, { name: 'Pilsen', center: pilsen, radiusMeters: 3000 });
    const build = (displayName: string) =>
      buildMember(context, { networkId: network.id, displayName, roles: [{ role: 'coordinator' }] });
    drafter = await build('Carla Coordinator');
    approver = await build('Ana Approver');
    for (const phone of [drillPhone, otherPhone]) await textTheHotline(phone, 'JOIN 60608');
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

  it('drafts a drill from an unverified incident; a second coordinator confirms the override; only the exercise recipient gets it', async () => {
    const carla = await newPerson(browser);
    await signInMember(carla.page, server.url, drafter);

    // Who drills reach, from the crisis screen: one subscriber marked, an unknown number said so.
    await carla.page.click('a[href="#/crisis"]');
    await carla.page.waitForSelector('#exercise-recipients');
    await carla.page.fill('#exercise-contact', '+1 312 555 0199');
    await carla.page.click('#exercise-add');
    await carla.page.waitForSelector('#exercise-notice:has-text("No subscriber")');
    await carla.page.fill('#exercise-contact', '+1 (312) 555-0181');
    await carla.page.click('#exercise-add');
    await carla.page.waitForSelector('#exercise-notice:has-text("this subscriber gets drills")');
    for (const language of languages) {
      await chooseLanguage(carla.page, language);
      await carla.page.waitForSelector('#exercise-title');
      await expectAccessible(carla.page, `exercise recipients (${language})`);
      await screenshot(carla.page, `exercise-recipients-${language}`);
    }
    await chooseLanguage(carla.page, 'en');

    // The composer on an incident nobody verified: it warns, and drafts only with the override.
    const incidentId = await operatorReport(carla.page, pilsen, 'Agents at the bus stop', 'street_stop');
    await carla.page.goto(`${server.url}/app/#/incident/${incidentId}`);
    await carla.page.click('button:has-text("Draft alert")');
    await carla.page.waitForSelector('#alert-composer');
    expect(await carla.page.textContent('#composer-override-warning')).toContain('Nobody has verified');
    expect(await carla.page.isDisabled('#composer-submit')).toBe(true);
    await carla.page.check('#composer-override');
    await carla.page.check('#composer-drill');
    await carla.page.selectOption('#composer-radius', '2000');
    await carla.page.fill('#composer-text-es', 'Eviten la parada de la calle 18.');
    await expectAccessible(carla.page, 'alert composer');
    await screenshot(carla.page, 'alert-composer');
    await carla.page.click('#composer-submit');
    await carla.page.waitForSelector('#frozen-title');
    const alertId = carla.page.url().split('#/alerts/')[1]!;
    await carla.page.waitForSelector('#override-title');
    expect(await carla.page.locator('#confirm-override').count()).toBe(0);
    expect(await carla.page.textContent('.override-panel')).toContain('another coordinator must confirm');
    expect(await carla.page.textContent('.preview-card[lang=es]')).toContain(
      'Eviten la parada de la calle 18.',
    );
    expect(await carla.page.textContent('.preview-card[lang=en] [data-channel=sms]')).toContain('EXERCISE');

    // The second coordinator cannot approve before confirming the override; then confirms and approves.
    const ana = await newPerson(browser);
    await signInMember(ana.page, server.url, approver);
    await ana.page.goto(`${server.url}/app/#/alerts/${alertId}`);
    await ana.page.waitForSelector('#confirm-override');
    await expectAccessible(ana.page, 'override confirmation');
    await clickWithStepUp(
      ana.page,
      '#confirm-override',
      approver,
      ana.page.locator('.override-panel[data-override-confirmed=true]'),
    );
    expect(await ana.page.textContent('#override-by')).toContain('Ana Approver');
    const textsTo = (phone: string) => twilio.messages.filter((message) => message.to === phone);
    const [drillBefore, otherBefore] = [textsTo(drillPhone).length, textsTo(otherPhone).length];
    await clickWithStepUp(
      ana.page,
      '#approve-alert',
      approver,
      ana.page.locator('[data-alert-state=approved]'),
    );

    // The drill reaches the exercise recipient only, labelled as one.
    await expect.poll(() => textsTo(drillPhone).length, { timeout: 20_000 }).toBe(drillBefore + 1);
    expect(textsTo(drillPhone).at(-1)!.body).toContain('EXERCISE');
    await ana.page.waitForSelector(
      '[data-delivery-status] tr[data-channel=sms] [data-count=queued]:has-text("0")',
    );
    expect(textsTo(otherPhone)).toHaveLength(otherBefore);

    for (const person of [carla, ana]) {
      expect(person.problems).toEqual([]);
      await person.context.close();
    }
  }, 180_000);
}
