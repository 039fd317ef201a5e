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
  clickWithStepUp,
  expectAccessible,
  newPerson,
  screenshot,
  shouldRunBrowserTests,
  signInMember,
  startBrowserWorld,
} from './browser-support.ts';
import type { BrowserWorld } from './browser-support.ts';

const isEnabled = shouldRunBrowserTests();
const pilsen = { lat: 41.8564, lon: -87.6604 };
const areaName = 'Pilsen Norte';

if (!isEnabled)
  describe.skip('public pages in Chromium (Chromium not installed)', () =>
    it('withholds an incident from the public pages', () => undefined));
else
  describeEachDatabase('web app in Chromium: what the public pages show', (dialect) => publicPages(dialect));

function publicPages(dialect: DialectName): void {
  let world: BrowserWorld;
  let server: ServerProcess;
  let browser: Browser;
  let slug: string;
  let coordinator: BuiltMember;
  let dispatcher: BuiltMember;

  beforeAll(async () => {
    world = await startBrowserWorld(dialect);
    ({ server, browser } = world);
    const network = await buildNetwork(world.factories, { languages: ['en', 'es', 'ar'] });
    slug = network.slug;
    await buildArea(world.factories, network.id, { name: areaName, center: pilsen, radiusMeters: 3000 });
    coordinator = await buildMember(world.factories, {
      networkId: network.id,
      displayName: 'Carla Coordinator',
      roles: [{ role: 'coordinator' }],
    });
    dispatcher = await buildMember(world.factories, {
      networkId: network.id,
      displayName: 'Dana Dispatcher',
      roles: [{ role: 'dispatcher' }],
    });
  });

  afterAll(() => world?.stop());

  it('a home shows only its area and the hour; a coordinator withholds an incident from the incident page', async () => {
    const working = await newPerson(browser);
    const { page } = working;
    await signInMember(page, server.url, coordinator);
    const confirmedIncident = async (category: string, northMeters: number) => {
      const { incidentId } = await callFromPage<{ incidentId: string }>(page, 'POST', '/api/reports', {
        channel: 'operator',
        category,
        location: { lat: pilsen.lat + northMeters / 111_000, lon: pilsen.lon },
        zip: '60608',
        description: 'Agents at the door of MKB7302',
      });
      for (const status of ['verifying', 'confirmed'])
        await callFromPage(page, 'POST', `/api/incidents/${incidentId}/status`, { status });
      const detail = await callFromPage<{ incident: { publicId: string } }>(
        page,
        'GET',
        `/api/incidents/${incidentId}`,
      );
      return { id: incidentId, publicId: detail.incident.publicId };
    };
    const home = await confirmedIncident('home', 0);
    const workplace = await confirmedIncident('workplace', 1500);

    // The public rumor-control page, as anyone sees it: the home by its area and the hour.
    const visitor = await newPerson(browser);
    // The page may be cached for a minute (cache-control): each visit asks for a fresh copy.
    let visits = 0;
    const board = async () => {
      await visitor.page.goto(`${server.url}/s/${slug}?lang=en&visit=${(visits += 1)}`);
      return visitor.page.locator('ul.rumors li');
    };
    const homeItem = (await board()).filter({ has: visitor.page.locator(`a[href$="${home.publicId}"]`) });
    const homeText = await homeItem.textContent();
    expect(homeText).toContain(`In ${areaName}`);
    expect(homeText).not.toContain('60608');
    expect(homeText).toMatch(/Reported around .*:00/);
    expect(await visitor.page.content()).not.toContain('MKB7302');
    expect(await visitor.page.content()).toContain(workplace.publicId);
    await expectAccessible(visitor.page, 'rumor-control page with a home incident');
    await screenshot(visitor.page, 'public-rumors-home-by-area');

    // The coordinator withholds the workplace incident from its page, after a passkey step-up.
    await page.goto(`${server.url}/app/#/incident/${workplace.id}`);
    await page.waitForSelector('#public-pages[data-public-state=public]');
    for (const language of ['es', 'ar', 'en'] as const) {
      await chooseLanguage(page, language);
      await expectAccessible(page, `public pages panel (${language})`);
    }
    await screenshot(page, 'incident-public-pages-public');
    const reason = 'The family asked us not to show it';
    await page.fill('#withhold-reason', reason);
    await clickWithStepUp(
      page,
      '#withhold-incident',
      coordinator,
      page.locator('[data-public-state=withheld]'),
    );
    expect(await page.textContent('#withheld-reason')).toContain(reason);
    expect(await page.textContent('#public-pages')).toContain('Carla Coordinator');
    await expectAccessible(page, 'public pages panel, withheld');
    await screenshot(page, 'incident-public-pages-withheld');

    // The public pages no longer show it; the home incident stays.
    await board();
    expect(await visitor.page.content()).not.toContain(workplace.publicId);
    expect(await visitor.page.content()).toContain(home.publicId);
    const status = await visitor.page.goto(`${server.url}/s/${slug}/${workplace.publicId}`);
    expect(status?.status()).toBe(404);

    // A dispatcher sees that it is withheld and why, and cannot change it.
    const dispatching = await newPerson(browser);
    await signInMember(dispatching.page, server.url, dispatcher);
    await dispatching.page.goto(`${server.url}/app/#/incident/${workplace.id}`);
    await dispatching.page.waitForSelector('#public-pages[data-public-state=withheld]');
    expect(await dispatching.page.locator('#publish-again').count()).toBe(0);
    expect(await dispatching.page.textContent('#withheld-reason')).toContain(reason);

    // The coordinator shows it again.
    await clickWithStepUp(page, '#publish-again', coordinator, page.locator('[data-public-state=public]'));
    await board();
    expect(await visitor.page.content()).toContain(workplace.publicId);
    for (const person of [working, visitor, dispatching]) {
      expect(person.problems).toEqual([]);
      await person.context.close();
    }
  }, 180_000);

  it('a coordinator places, reviews and lifts a legal hold on an incident’s evidence from its page', async () => {
    const working = await newPerson(browser);
    const { page } = working;
    await signInMember(page, server.url, coordinator);
    const { incidentId } = await callFromPage<{ incidentId: string }>(page, 'POST', '/api/reports', {
      channel: 'operator',
      category: 'workplace',
      location: { lat: pilsen.lat + 0.03, lon: pilsen.lon },
      description: 'Agents at the warehouse',
    });
    await page.goto(`${server.url}/app/#/incident/${incidentId}`);
    await page.waitForSelector('#legal-hold[data-legal-hold=none]');
    for (const language of ['es', 'ar', 'en'] as const) {
      await chooseLanguage(page, language);
      await expectAccessible(page, `legal hold panel (${language})`);
    }
    const reason = 'Counsel asked us to keep the videos';
    await page.fill('#legal-hold-reason-input', reason);
    await clickWithStepUp(page, '#place-legal-hold', coordinator, page.locator('[data-legal-hold=held]'));
    expect(await page.textContent('#legal-hold-reason')).toContain(reason);
    expect(await page.textContent('#legal-hold-review')).toContain('Next review due by');
    await expectAccessible(page, 'legal hold panel, held');
    await screenshot(page, 'incident-legal-hold-held');

    await page.fill('#legal-hold-reason-input', 'The case is still open');
    await clickWithStepUp(
      page,
      '#place-legal-hold',
      coordinator,
      page.locator('#legal-hold-notice:has-text("Hold reviewed")'),
    );
    expect(await page.textContent('#legal-hold-reason')).toContain('The case is still open');
    await clickWithStepUp(page, '#lift-legal-hold', coordinator, page.locator('[data-legal-hold=none]'));
    const audit = await world.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_id', '=', incidentId)
      .where('action', 'like', 'evidence.legalHold%')
      .orderBy('seq')
      .execute();
    expect(audit.map((entry) => entry.action)).toEqual([
      'evidence.legalHoldPlaced',
      'evidence.legalHoldReviewed',
      'evidence.legalHoldLifted',
    ]);
    expect(working.problems).toEqual([]);
    await working.context.close();
  }, 180_000);
}
