import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DialectName } from '../../server/platform/database/database.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildArea, buildMember, buildNetwork } from '../support/factories.ts';
import type { BuiltMember } from '../support/factories.ts';
import type { ServerProcess } from '../support/server-process.ts';
import {
  callFromPage,
  chooseLanguage,
  expectAccessible,
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

  beforeAll(async () => {
    world = await startBrowserWorld(dialect);
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
}
