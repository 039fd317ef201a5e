import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DialectName } from '../../server/platform/database/database.ts';
import { distanceMeters, lookupZip } from '../../server/platform/geo/index.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildMember, buildNetwork } from '../support/factories.ts';
import type { BuiltMember } from '../support/factories.ts';
import type { ServerProcess } from '../support/server-process.ts';
import {
  callFromPage,
  chooseLanguage,
  expectAccessible,
  newPerson,
  screenshot,
  shouldRunBrowserTests,
  signInMember,
  startBrowserWorld,
} from './browser-support.ts';
import type { BrowserWorld } from './browser-support.ts';

const isEnabled = shouldRunBrowserTests();

if (!isEnabled)
  describe.skip('location unclear lane in Chromium (Chromium not installed)', () =>
    it('a dispatcher places a ZIP-only report on the map', () => undefined));
else
  describeEachDatabase('web app in Chromium: the "location unclear" lane', (dialect) =>
    locationUnclear(dialect),
  );

function locationUnclear(dialect: DialectName): void {
  let world: BrowserWorld;
  let server: ServerProcess;
  let browser: Browser;
  let dispatcher: BuiltMember;

  beforeAll(async () => {
    world = await startBrowserWorld(dialect);
    ({ server, browser } = world);
    const network = await buildNetwork(world.factories, { languages: ['en', 'es', 'ar'] });
    dispatcher = await buildMember(world.factories, {
      networkId: network.id,
      displayName: 'Dana Dispatcher',
      roles: [{ role: 'dispatcher' }],
      withTotp: true,
    });
  });

  afterAll(() => world?.stop());

  it('a ZIP-only report waits in "location unclear", and one click on the map places it', async () => {
    const desk = await newPerson(browser);
    const { page } = desk;
    await signInMember(page, server.url, dispatcher);
    const pinned = await callFromPage<{ incidentId: string }>(page, 'POST', '/api/reports', {
      channel: 'operator',
      category: 'workplace',
      location: { lat: 41.8578, lon: -87.669 },
    });
    const zipOnly = await callFromPage<{ incidentId: string }>(page, 'POST', '/api/reports', {
      channel: 'operator',
      category: 'checkpoint',
      zip: '60623',
      locationText: 'by the big church',
    });
    await page.goto(`${server.url}/app/#/queue`);
    await page.waitForSelector('#unclear-lane-title:has-text("Location unclear (1)")');
    expect(await page.locator(`.unclear-list [data-incident-id="${zipOnly.incidentId}"]`).count()).toBe(1);
    expect(
      await page
        .locator(`.incident-list:not(.unclear-list) [data-incident-id="${pinned.incidentId}"]`)
        .count(),
    ).toBe(1);
    await expectAccessible(page, 'queue with a location-unclear lane');
    await screenshot(page, 'queue-location-unclear');

    await page.click(`.unclear-list [data-incident-id="${zipOnly.incidentId}"] a`);
    await page.waitForSelector('#place-on-map-title');
    await page.waitForSelector('.placement-map path.leaflet-interactive, .placement-map path');
    await expectAccessible(page, 'incident with an unclear location');
    await chooseLanguage(page, 'es');
    await page.waitForSelector('#place-on-map-title:has-text("¿Dónde está?")');
    await chooseLanguage(page, 'en');
    await screenshot(page, 'incident-place-on-map');
    // One step: a click where it is happening.
    const box = (await page.locator('.placement-map').boundingBox())!;
    await page.locator('.placement-map').click({ position: { x: box.width / 2, y: box.height / 2 } });
    await page.waitForSelector('text=Placed on the map.');
    await page.waitForSelector('#place-on-map-title', { state: 'detached' });

    const row = await world.database.db
      .selectFrom('incidents')
      .select(['location_precision', 'location_radius_meters', 'lat', 'lon'])
      .where('id', '=', zipOnly.incidentId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ location_precision: 'pin', location_radius_meters: 50 });
    // The map showed the ZIP's circle around its centroid; its middle is where the click landed.
    const centroid = lookupZip('60623')!;
    expect(distanceMeters({ lat: row.lat!, lon: row.lon! }, centroid)).toBeLessThan(300);

    await page.goto(`${server.url}/app/#/queue`);
    await page.waitForSelector(`.incident-list [data-incident-id="${zipOnly.incidentId}"]`);
    expect(await page.locator('#unclear-lane-title').count()).toBe(0);
    expect(desk.problems).toEqual([]);
    await desk.context.close();
  }, 90_000);
}
