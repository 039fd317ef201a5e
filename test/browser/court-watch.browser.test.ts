import ICAL from 'ical.js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DialectName } from '../../server/platform/database/database.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildArea, buildMember, buildNetwork } from '../support/factories.ts';
import type { BuiltMember } from '../support/factories.ts';
import type { ServerProcess } from '../support/server-process.ts';
import {
  expectAccessible,
  newPerson,
  screenshot,
  shouldRunBrowserTests,
  signInMember,
  startBrowserWorld,
} from './browser-support.ts';
import type { BrowserWorld } from './browser-support.ts';

const isEnabled = shouldRunBrowserTests();
const timeZone = 'America/Chicago';
/** A phone-sized screen (an iPhone 12-class viewport), touch on. */
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

if (!isEnabled)
  describe.skip('court watch in Chromium (Chromium not installed)', () =>
    it('turns a shift short when a volunteer cancels', () => undefined));
else describeEachDatabase('web app in Chromium: court and check-in watch', (dialect) => courtWatch(dialect));

/** Tomorrow in the network's zone: its RFC 5545 weekday code, and whether it starts a new week (Monday). */
function tomorrowInNetwork(): { code: string; isMonday: boolean } {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short' }).format(
    Date.now() + 86_400_000,
  );
  return { code: name.slice(0, 2).toUpperCase(), isMonday: name === 'Mon' };
}

function courtWatch(dialect: DialectName): void {
  let world: BrowserWorld;
  let server: ServerProcess;
  let browser: Browser;
  let coordinator: BuiltMember;
  let ana: BuiltMember;
  let ben: BuiltMember;

  beforeAll(async () => {
    world = await startBrowserWorld(dialect);
    ({ server, browser } = world);
    const context = world.factories;
    const network = await buildNetwork(context, { languages: ['en', 'es', 'ar'], timezone: timeZone });
    await buildArea(context, network.id, { name: 'Loop' });
    const member = (displayName: string, role: 'coordinator' | 'responder' | 'advocate') =>
      buildMember(context, { networkId: network.id, displayName, roles: [{ role }], withTotp: true });
    coordinator = await member('Cora Coordinator', 'coordinator');
    ana = await member('Ana Observer', 'responder');
    ben = await member('Ben Advocate', 'advocate');
  }, 120_000);

  afterAll(async () => {
    await world?.stop();
  });

  async function signUpOnPhone(volunteer: BuiltMember): Promise<Page> {
    const { page, problems } = await newPerson(browser, phone);
    await signInMember(page, server.url, volunteer);
    await page.goto(`${server.url}/app/#/watch`);
    const first = page.locator('#watch-schedule li.watch-occurrence').first();
    await first.locator('select').selectOption('observer');
    await first.locator('.watch-signup button').click();
    await first.locator('[data-mine=confirmed]').waitFor();
    expect(problems).toEqual([]);
    return page;
  }

  it('a coordinator adds a site and a weekly shift; two volunteers sign up by phone; one cancels and it turns short', async () => {
    const office = await newPerson(browser);
    await signInMember(office.page, server.url, coordinator);
    await office.page.goto(`${server.url}/app/#/watch/sites`);
    await office.page.waitForSelector('#site-form');
    await office.page.selectOption('#site-kind', 'immigration_office');
    await office.page.fill('#site-name', 'Chicago ICE Field Office');
    await office.page.fill('#site-address', '101 W Congress Pkwy');
    await office.page.fill('#site-hours', 'Mon–Fri 8:00–16:00');
    await office.page.fill('#site-entry', 'Photo ID at the door');
    await office.page.fill('#site-safety', 'Film from the sidewalk; never block the entrance');
    await office.page.fill('#site-rally', 'Library steps on State St');
    await office.page.click('#site-form button[type=submit]');
    await office.page.waitForSelector('#watch-sites .watch-site:has-text("Chicago ICE Field Office")');

    // Every week on tomorrow's weekday, 10:00–14:00 Chicago time: 2 needed, 3 wanted.
    const tomorrow = tomorrowInNetwork();
    await office.page.waitForSelector('#watch-shift-form');
    await office.page.selectOption('#watch-shift-weekday', tomorrow.code);
    await office.page.fill('#watch-shift-start', '10:00');
    await office.page.fill('#watch-shift-hours', '4');
    await office.page.fill('#watch-shift-min', '2');
    await office.page.fill('#watch-shift-target', '3');
    await office.page.click('#watch-shift-form button[type=submit]');
    await office.page.waitForSelector('.notice:has-text("Shift saved")');
    await expectAccessible(office.page, 'watch sites');
    await screenshot(office.page, 'watch-sites-en');

    // The coverage view: tomorrow's shift is empty, and a gap within 72 hours.
    await office.page.goto(`${server.url}/app/#/watch/coverage`);
    await office.page.waitForSelector('#watch-gaps li[data-status=empty]');
    if (tomorrow.isMonday) await office.page.click('#watch-next-week');
    const tomorrowRow = office.page.locator('#watch-week tbody tr').first();
    await expect.poll(() => tomorrowRow.getAttribute('data-status')).toBe('empty');

    const anaPhone = await signUpOnPhone(ana);
    await expect.poll(() => tomorrowRow.getAttribute('data-status')).toBe('short');
    const benPhone = await signUpOnPhone(ben);
    // Ben makes his private calendar link on the phone; a calendar app reading it finds his shift.
    await benPhone.click('#watch-calendar-create');
    const feedUrl = await benPhone.inputValue('#watch-calendar-url');
    const feed = await fetch(feedUrl);
    expect(feed.headers.get('content-type')).toContain('text/calendar');
    const calendar = new ICAL.Component(ICAL.parse(await feed.text()) as unknown[]);
    const events = calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
    expect(events.map((event) => event.summary)).toEqual(['Watch: Chicago ICE Field Office (observer)']);
    await expectAccessible(benPhone, 'watch schedule on a phone');
    await screenshot(benPhone, 'watch-schedule-phone');
    // Two of two needed: covered, and no gap left in the next 72 hours (the view follows live).
    await expect.poll(() => tomorrowRow.getAttribute('data-status')).toBe('covered');
    await office.page.waitForSelector('#watch-no-gaps');
    expect(await tomorrowRow.textContent()).toContain('Ana Observer');

    // Ana cancels from her phone: the shift is short again, on top of the coordinator's view.
    const anaShift = anaPhone.locator('#watch-schedule li.watch-occurrence').first();
    await anaShift.locator('[data-mine=confirmed] button').click();
    await anaShift.locator('.watch-signup button').waitFor();
    await expect.poll(() => tomorrowRow.getAttribute('data-status')).toBe('short');
    await office.page.waitForSelector('#watch-gaps li[data-status=short]');
    expect(await tomorrowRow.textContent()).not.toContain('Ana Observer');
    await expectAccessible(office.page, 'watch coverage');
    await screenshot(office.page, 'watch-coverage-short');
    expect(office.problems).toEqual([]);
  }, 180_000);
}
