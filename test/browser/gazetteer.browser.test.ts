import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DialectName } from '../../server/platform/database/database.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildMember, buildNetwork } from '../support/factories.ts';
import type { BuiltMember } from '../support/factories.ts';
import type { ServerProcess } from '../support/server-process.ts';
import { badPlacesCsv, pilsenPlacesCsv, pilsenStreetsGeoJson } from '../fixtures/pilsen-gazetteer.ts';
import {
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
  describe.skip('gazetteer screens in Chromium (Chromium not installed)', () =>
    it('imports places and streets, then finds typed places', () => undefined));
else describeEachDatabase('web app in Chromium: the network gazetteer', (dialect) => gazetteer(dialect));

function gazetteer(dialect: DialectName): void {
  let world: BrowserWorld;
  let server: ServerProcess;
  let browser: Browser;
  let admin: BuiltMember;

  beforeAll(async () => {
    world = await startBrowserWorld(dialect);
    ({ server, browser } = world);
    const network = await buildNetwork(world.factories, { languages: ['en', 'es', 'ar'] });
    admin = await buildMember(world.factories, {
      networkId: network.id,
      displayName: 'Ada Admin',
      roles: [{ role: 'admin' }],
      withTotp: true,
    });
  });

  afterAll(() => world?.stop());

  it('lists each bad row and changes nothing, imports good files, then finds "la 18 y Paulina"', async () => {
    const desk = await newPerson(browser);
    const { page } = desk;
    await signInMember(page, server.url, admin);
    await page.click('nav a[href="#/admin/places"]');
    await page.waitForSelector('#places-counts:has-text("0 named places, 0 streets")');
    const placesFile = page.locator('#places-file');
    const file = (name: string, text: string) => ({
      name,
      mimeType: 'text/plain',
      buffer: Buffer.from(text),
    });

    await placesFile.setInputFiles(file('places.csv', badPlacesCsv));
    await page.waitForSelector('#places-summary:has-text("1 ready, 3 with problems")');
    const problemOf = (line: number) => page.textContent(`[data-import-line="${line}"] td:last-child`);
    expect(await problemOf(3)).toContain('The name is missing.');
    expect(await problemOf(4)).toContain('The kind is not one of');
    expect(await problemOf(5)).toContain('not a real place on Earth');
    expect(await page.locator('#places-send').count()).toBe(0);
    await expectAccessible(page, 'gazetteer import with row errors');
    await screenshot(page, 'gazetteer-row-errors');
    await chooseLanguage(page, 'es');
    expect(await problemOf(3)).toContain('Falta el nombre.');
    await chooseLanguage(page, 'en');
    const stored = () => world.database.db.selectFrom('gazetteer_places').select('name').execute();
    expect(await stored()).toHaveLength(0);

    await placesFile.setInputFiles(file('places.csv', pilsenPlacesCsv));
    await page.click('#places-send:has-text("Replace the list with 4 places")');
    await page.waitForSelector('text=4 places imported.');
    await page.waitForSelector('.place-list td:has-text("Benito Juárez High School")');

    await page.locator('#streets-file').setInputFiles(file('streets.geojson', pilsenStreetsGeoJson));
    await page.waitForSelector('#streets-summary:has-text("13 ready, 0 with problems")');
    await page.click('#streets-send');
    await page.waitForSelector('text=13 street pieces imported.');
    await page.waitForSelector('#places-counts:has-text("4 named places, 13 streets")');

    await page.fill('#place-finder-text', 'la 18 y Paulina');
    await page.click('.place-finder button[type="submit"]');
    await page.waitForSelector('#place-finder-result:has-text("Intersection: W 18th St & S Paulina St")');
    expect(await page.textContent('#place-finder-result')).toContain('41.85780, -87.66900, within 40 m');
    await page.fill('#place-finder-text', 'the courthouse on California');
    await page.click('.place-finder button[type="submit"]');
    await page.waitForSelector('#place-finder-result:has-text("Not found")');
    await page.fill('#place-finder-text', 'cook county courthouse');
    await page.click('.place-finder button[type="submit"]');
    await page.waitForSelector('#place-finder-result:has-text("Named place: Cook County Courthouse")');
    await expectAccessible(page, 'gazetteer with places and streets');
    await chooseLanguage(page, 'ar');
    await page.waitForSelector('#places-title:has-text("الأماكن والشوارع")');
    await screenshot(page, 'gazetteer-arabic');
    await chooseLanguage(page, 'en');
    expect(desk.problems).toEqual([]);
    await desk.context.close();
  }, 90_000);
}
