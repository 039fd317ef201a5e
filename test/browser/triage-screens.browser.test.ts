import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DialectName } from '../../server/platform/database/database.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { startFakeTwilio } from '../support/fake-twilio.ts';
import type { FakeTwilio } from '../support/fake-twilio.ts';
import { buildArea, buildMember, buildNetwork } from '../support/factories.ts';
import type { BuiltMember } from '../support/factories.ts';
import type { ServerProcess } from '../support/server-process.ts';
import {
  callFromPage,
  chooseLanguage,
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
const pilsen = { lat: 41.8564, lon: -87.6604 };
const hotline = '+13125550142';
const caller = '+13125550177';

interface ClaimView {
  incident: { claim: { memberId: string; displayName: string | null } | null };
}

if (!isEnabled)
  describe.skip('triage screens in Chromium (Chromium not installed)', () =>
    it('claims, takes over and releases incidents', () => undefined));
else describeEachDatabase('triage screens in Chromium', (dialect) => triageScreens(dialect));

function triageScreens(dialect: DialectName): void {
  let world: BrowserWorld;
  let server: ServerProcess;
  let browser: Browser;
  let first: BuiltMember;
  let second: BuiltMember;
  let twilio: FakeTwilio;

  beforeAll(async () => {
    twilio = await startFakeTwilio();
    const port = await freePort();
    world = await startBrowserWorld(dialect, {
      PORT: String(port),
      AMPARO_PUBLIC_URL: `http://localhost:${port}`,
      TWILIO_API_BASE: twilio.url,
      TWILIO_ACCOUNT_SID: twilio.accountSid,
      TWILIO_AUTH_TOKEN: twilio.authToken,
      TWILIO_FROM: hotline,
    });
    ({ server, browser } = world);
    const context = world.factories;
    const network = await buildNetwork(context, { languages: [...languages] });
    await buildArea(context, network.id, { name: 'Pilsen', center: pilsen, radiusMeters: 3000 });
    const build = (displayName: string) =>
      buildMember(context, {
        networkId: network.id,
        displayName,
        roles: [{ role: 'dispatcher' }],
        withTotp: true,
      });
    first = await build('Dana Dispatcher');
    second = await build('Diego Dispatcher');
  });

  afterAll(async () => {
    await world?.stop();
    await twilio?.close();
  });

  it('a claim is taken over only after a question naming its holder, and released by its holder', async () => {
    const dana = await newPerson(browser);
    await signInMember(dana.page, server.url, first);
    const incidentId = await operatorReport(dana.page, pilsen, 'Agents at the gate', 'workplace');
    await dana.page.goto(`${server.url}/app/#/incident/${incidentId}`);
    await dana.page.click('#claim-incident');
    await dana.page.waitForSelector('#release-claim');
    const holderOf = async () =>
      (await callFromPage<ClaimView>(dana.page, 'GET', `/api/incidents/${incidentId}`)).incident.claim
        ?.memberId;
    expect(await holderOf()).toBe(first.id);

    const diego = await newPerson(browser);
    await signInMember(diego.page, server.url, second);
    await diego.page.goto(`${server.url}/app/#/incident/${incidentId}`);
    expect(await diego.page.textContent('#take-over')).toContain('Dana Dispatcher');
    expect(await diego.page.locator('#claim-incident, #release-claim').count()).toBe(0);
    await diego.page.click('#take-over');
    expect(await diego.page.textContent('#take-over-question')).toContain('stop being the one working it');
    for (const language of languages) {
      await chooseLanguage(diego.page, language);
      await diego.page.waitForSelector('#take-over-question');
      await expectAccessible(diego.page, `take-over confirmation (${language})`);
      await screenshot(diego.page, `incident-take-over-${language}`);
    }
    await chooseLanguage(diego.page, 'en');
    // Nothing changed on the first click: the claim is still Dana's.
    expect(await holderOf()).toBe(first.id);
    await diego.page.click('#confirm-take-over');
    await diego.page.waitForSelector('#release-claim');
    expect(await holderOf()).toBe(second.id);

    // Diego releases it; Dana can claim it again.
    await diego.page.click('#release-claim');
    await diego.page.waitForSelector('#claim-incident');
    expect(await holderOf()).toBeUndefined();
    await dana.page.reload();
    await dana.page.waitForSelector('#claim-incident');
    for (const person of [dana, diego]) {
      expect(person.problems).toEqual([]);
      await person.context.close();
    }
  }, 120_000);

  it('a text typed on the incident page reaches the consenting reporter through the SMS provider', async () => {
    const dana = await newPerson(browser);
    await signInMember(dana.page, server.url, first);
    // A caller who agreed to be called back, entered by the operator, and one who did not.
    const { incidentId } = await callFromPage<{ incidentId: string }>(dana.page, 'POST', '/api/reports', {
      channel: 'operator',
      category: 'home',
      location: { lat: pilsen.lat + 0.02, lon: pilsen.lon },
      description: 'Agents knocking at a door',
      callbackContact: caller,
      contactConsent: true,
    });
    await dana.page.goto(`${server.url}/app/#/incident/${incidentId}`);
    await dana.page.waitForSelector('#reporter-thread');
    expect(await dana.page.locator('#thread-report option').count()).toBe(1);
    for (const language of languages) {
      await chooseLanguage(dana.page, language);
      await dana.page.waitForSelector('#thread-title');
      await expectAccessible(dana.page, `reporter thread (${language})`);
      await screenshot(dana.page, `incident-thread-${language}`);
    }
    await chooseLanguage(dana.page, 'en');
    const reply = 'Thank you. A legal observer is on the way. Stay inside.';
    await dana.page.fill('#thread-body', reply);
    await dana.page.click('#thread-send');
    await dana.page.waitForSelector('#thread-notice:has-text("Text queued")');
    await expect
      .poll(() => twilio.messages.filter((message) => message.to === caller).map((message) => message.body), {
        timeout: 30_000,
      })
      // The network's name leads every text, so the reporter knows who writes.
      .toEqual([expect.stringContaining(`: ${reply}`)]);
    await dana.page.waitForSelector(`.thread-messages li[data-direction=outbound]:has-text("${reply}")`);

    // A report without consent offers no thread at all.
    const silentId = await operatorReport(
      dana.page,
      { lat: pilsen.lat - 0.02, lon: pilsen.lon },
      'Van parked',
    );
    await dana.page.goto(`${server.url}/app/#/incident/${silentId}`);
    await dana.page.waitForSelector('#incident-title');
    expect(await dana.page.locator('#reporter-thread').count()).toBe(0);
    expect(dana.problems).toEqual([]);
    await dana.context.close();
  }, 120_000);
}
