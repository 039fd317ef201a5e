import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DialectName } from '../../server/platform/database/database.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildArea, buildMember, buildNetwork } from '../support/factories.ts';
import type { BuiltMember } from '../support/factories.ts';
import type { ServerProcess } from '../support/server-process.ts';
import { pushRoutingEnvironment, startLocalPushService, subscribeThroughThePage } from './push-subscriber.ts';
import type { FakePushService, PushSubscriber } from './push-subscriber.ts';
import {
  addPasskeyToBrowser,
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
  describe.skip('web app in Chromium (Chromium not installed)', () =>
    it('runs the core flow', () => undefined));
else describeEachDatabase('web app in Chromium: the core flow', (dialect) => coreFlow(dialect));

function coreFlow(dialect: DialectName): void {
  let world: BrowserWorld;
  let server: ServerProcess;
  let browser: Browser;
  let push: FakePushService;
  let slug: string;
  let dispatcher: BuiltMember;
  let responder: BuiltMember;
  let drafter: BuiltMember;
  let approver: BuiltMember;
  let incidentId = '';
  let alertId = '';

  beforeAll(async () => {
    push = await startLocalPushService();
    world = await startBrowserWorld(dialect, pushRoutingEnvironment(push));
    ({ server, browser } = world);
    const context = world.factories;
    const network = await buildNetwork(context, { languages: ['en', 'es'] });
    slug = network.slug;
    const area = await buildArea(context, network.id, {
      name: 'Pilsen',
      center: { lat: 41.8564, lon: -87.6604 },
    });
    dispatcher = await buildMember(context, {
      networkId: network.id,
      displayName: 'Dana Dispatcher',
      roles: [{ role: 'dispatcher' }],
      withTotp: true,
    });
    responder = await buildMember(context, {
      networkId: network.id,
      displayName: 'Rosa Responder',
      roles: [{ role: 'responder', areaId: area.id }],
      languages: ['es', 'en'],
    });
    drafter = await buildMember(context, {
      networkId: network.id,
      displayName: 'Carla Coordinator',
      roles: [{ role: 'coordinator' }],
      withTotp: true,
    });
    approver = await buildMember(context, {
      networkId: network.id,
      displayName: 'Ana Approver',
      roles: [{ role: 'coordinator' }],
      withTotp: true,
    });
  });

  afterAll(async () => {
    await world?.stop();
    await push?.close();
  });

  it('serves the built app with strict caching and a manifest', async () => {
    const index = await fetch(`${server.url}/app/`);
    expect(index.status).toBe(200);
    // Kept, but checked again on every load (ETag): a new build shows at once (ADR 0016).
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const html = await index.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const assetPath = /src="(\/app\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(assetPath).toBeDefined();
    const asset = await fetch(`${server.url}${assetPath}`, {
      headers: { cookie: '__Host-amparo_session=x' },
    });
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const manifest = await fetch(`${server.url}/app/manifest.webmanifest`);
    expect(manifest.headers.get('content-type')).toContain('application/manifest+json');
    expect(((await manifest.json()) as { icons: unknown[] }).icons.length).toBeGreaterThan(0);
    expect((await fetch(`${server.url}/app/icons/icon-192.png`)).headers.get('content-type')).toBe(
      'image/png',
    );
    expect((await fetch(`${server.url}/app/%2e%2e/package.json`)).status).toBe(404);
  });

  it('a no-JavaScript report reaches the live queue; dispatch, verify, draft and approve an alert', async () => {
    const desk = await newPerson(browser);
    const reporter = await newPerson(browser, { javaScriptEnabled: false });
    // A neighbour turns on push alerts for the area, in Spanish, from the public subscribe page.
    const subscriber = await subscribeThroughThePage(browser, {
      baseUrl: server.url,
      slug,
      zip: '60608',
      language: 'es',
      push,
    });

    // The dispatcher signs in (password, then authenticator code) and waits on the live queue.
    await desk.page.goto(`${server.url}/app/`);
    await screenshot(desk.page, 'sign-in-en');
    await expectAccessible(desk.page, 'sign-in');
    await signInMember(desk.page, server.url, dispatcher);
    await desk.page.waitForSelector('#queue-title');
    await desk.page.waitForSelector('.live');

    // A community member reports from the public form with JavaScript off.
    await reporter.page.goto(`${server.url}/r/${slug}`);
    await reporter.page.check('#field-category-workplace');
    await reporter.page.fill('#field-zip', '60608');
    await reporter.page.fill('#field-description', 'Agents at the factory gate on 18th Street');
    const sentAt = Date.now();
    await reporter.page.click('button[type=submit]');
    await reporter.page.waitForLoadState('load');
    const acknowledgedAt = Date.now();
    expect(reporter.page.url()).not.toContain('/app/');

    // No reload: the row appears from the realtime stream.
    const row = desk.page.locator('.incident-row').first();
    await row.waitFor({ timeout: 10_000 });
    const shownAt = Date.now();
    console.log(
      `report acknowledged ${acknowledgedAt - sentAt} ms after submit; in the queue ${shownAt - sentAt} ms after submit`,
    );
    await expect.poll(() => row.textContent()).toContain('1 report');
    incidentId = (await row.getAttribute('data-incident-id'))!;
    await screenshot(desk.page, 'queue-en');
    await expectAccessible(desk.page, 'queue');

    // Keyboard: help overlay, then claim with "c".
    await desk.page.keyboard.press('?');
    await desk.page.waitForSelector('#help-title');
    await expectAccessible(desk.page, 'help overlay');
    await desk.page.keyboard.press('Escape');
    await desk.page.keyboard.press('c');
    await expect.poll(() => row.textContent()).toContain('Dana Dispatcher');

    // Incident page: timeline, verify, confirm.
    await desk.page.keyboard.press('Enter');
    await desk.page.waitForSelector('#incident-title');
    await expect.poll(() => desk.page.textContent('.timeline')).toContain('factory gate');
    await desk.page.click('button[data-status=verifying]');
    await desk.page.waitForSelector('#incident-title .status-verifying');
    await desk.page.click('button[data-status=confirmed]');
    await desk.page.waitForSelector('#incident-title .status-confirmed');
    await screenshot(desk.page, 'incident-en');
    await expectAccessible(desk.page, 'incident');

    // Dispatch: only when the dispatch API is mounted on this server.
    const offers = await desk.page.request.get(`${server.url}/api/incidents/${incidentId}/offers`);
    if (offers.status() === 404) {
      console.warn('Dispatch API not mounted on the server yet: offer/accept/outcome steps skipped.');
    } else {
      await runDispatchSteps(desk.page);
    }

    // A coordinator drafts the alert from the incident page...
    const drafting = await newPerson(browser);
    await signInMember(drafting.page, server.url, drafter);
    await drafting.page.goto(`${server.url}/app/#/incident/${incidentId}`);
    await drafting.page.click('button:has-text("Draft alert")');
    await drafting.page.click('#composer-submit');
    await drafting.page.waitForSelector('#alert-title');
    await drafting.page.waitForSelector('text=A different coordinator must approve it');
    alertId = drafting.page.url().split('#/alerts/')[1]!;
    expect(alertId).toBeTruthy();
    await expect.poll(() => drafting.page.locator('.preview-card').count()).toBe(2);
    await screenshot(drafting.page, 'alert-draft-en');
    await expectAccessible(drafting.page, 'alert preview');

    // ...and a different coordinator approves it with their passkey (a code is not enough).
    const approving = await newPerson(browser);
    await signInMember(approving.page, server.url, approver);
    await approving.page.goto(`${server.url}/app/#/alerts/${alertId}`);
    await addPasskeyToBrowser(approving.page, approver);
    await approving.page.click('#approve-alert');
    const stepUp = approving.page.locator('#step-up-passkey');
    const approved = approving.page.locator('[data-alert-state=approved]');
    await stepUp.or(approved).first().waitFor();
    if (await stepUp.isVisible()) {
      await expectAccessible(approving.page, 'step-up prompt');
      await stepUp.click();
    }
    const confirmedAt = Date.now();
    await approved.waitFor();
    await screenshot(approving.page, 'alert-approved-en');
    await expectPushShown(subscriber, confirmedAt);

    // Coordinator screens: members.
    await approving.page.goto(`${server.url}/app/#/members`);
    await approving.page.waitForSelector('text=Rosa Responder');
    await expectAccessible(approving.page, 'members');
    await screenshot(approving.page, 'members-en');

    for (const person of [desk, reporter, drafting, approving]) {
      expect(person.problems).toEqual([]);
      await person.context.close();
    }
    expect(subscriber.problems).toEqual([]);
    await subscriber.close();
  }, 150_000);

  /**
   * The server's worker sent the push to the subscription the page posted: signed with the key
   * the page subscribed with, encrypted for the browser's keys, carrying the alert id only. Handed
   * to the browser, the real service worker fetches the alert and shows it in Spanish.
   */
  async function expectPushShown(subscriber: PushSubscriber, confirmedAt: number): Promise<void> {
    await expect.poll(() => subscriber.received().length, { timeout: 20_000, interval: 50 }).toBe(1);
    const [received] = subscriber.received();
    console.log(
      `push at the push service within ${Date.now() - confirmedAt} ms of the approver's confirmation`,
    );
    expect(received!.isVapidValid).toBe(true);
    expect(received!.vapidPublicKey).toBe(await subscriber.applicationServerKey());
    const payload = JSON.parse(received!.payload!) as Record<string, unknown>;
    expect(Object.keys(payload)).toEqual(['id']);
    const publicId = String(payload.id);

    await subscriber.deliver(received!.payload!);
    await expect.poll(async () => (await subscriber.notifications()).length).toBe(1);
    const [shown] = await subscriber.notifications();
    const published = async (language: string) =>
      (
        (await (await fetch(`${server.url}/api/public/alerts/${publicId}?lang=${language}`)).json()) as {
          message: { headline: string; text: string };
        }
      ).message;
    const spanish = await published('es');
    expect(spanish.headline).not.toBe((await published('en')).headline);
    expect(shown).toEqual({
      title: spanish.headline,
      body: spanish.text,
      lang: 'es',
      dir: 'ltr',
      data: { url: `${server.url}/a/${slug}?lang=es#alert-${publicId}` },
    });
    // Where a tap on the notification leads: the public alerts page, showing this alert.
    await subscriber.page.goto(shown!.data!.url!);
    await expect.poll(() => subscriber.page.textContent('main')).toContain(spanish.headline);
    await screenshot(subscriber.page, 'push-alert-page-es');
  }

  async function runDispatchSteps(deskPage: Page): Promise<void> {
    const field = await newPerson(browser, {
      viewport: { width: 390, height: 800 },
      geolocation: { latitude: 41.857, longitude: -87.661 },
      permissions: ['geolocation'],
    });
    await signInMember(field.page, server.url, responder);
    await field.page.goto(`${server.url}/app/#/responder`);
    await field.page.waitForSelector('#responder-title');
    await field.page.check('#on-call');
    // One status line: wait for the availability answer, or it may replace "Location shared".
    await field.page.waitForSelector('.notice:text("Saved.")');
    await field.page.click('#share-location');
    await field.page.waitForSelector('text=Location shared');
    await deskPage.reload();
    await deskPage.click(`[data-send-offer="${responder.id}"]`);
    await deskPage.waitForSelector('[data-offer-status=offered]');
    await field.page.waitForSelector('button:has-text("Accept")');
    await screenshot(field.page, 'responder-offer-en');
    await expectAccessible(field.page, 'responder');
    await field.page.click('button:has-text("Accept")');
    await field.page.check('input[value=confirmed]');
    await field.page.fill('textarea[name=notes]', 'Two vans at the gate, no arrests seen.');
    await field.page.click('button:has-text("Send report")');
    await field.page.waitForSelector('text=Your report was sent');
    // The dispatcher's page follows the offer live: accepted, with the responder's outcome.
    await deskPage.waitForSelector('[data-offer-status=accepted]:has-text("Confirmed")');
    await field.page.click('#quick-exit');
    await field.page.waitForURL('about:blank');
    // The session is over on the server too: the app asks for a sign-in again.
    await field.page.goto(`${server.url}/app/`);
    await field.page.waitForSelector('#sign-in-title');
    expect(field.problems).toEqual([]);
    await field.context.close();
  }

  it('switches language everywhere, with right-to-left layout for Arabic', async () => {
    const person = await newPerson(browser);
    await signInMember(person.page, server.url, dispatcher);
    await person.page.waitForSelector('#queue-title');
    for (const language of ['es', 'ar'] as const) {
      await chooseLanguage(person.page, language);
      const direction = await person.page.evaluate(() => document.documentElement.dir);
      expect(direction).toBe(language === 'ar' ? 'rtl' : 'ltr');
      await expect
        .poll(() => person.page.textContent('#queue-title'))
        .toBe(language === 'es' ? 'Cola de incidentes' : 'قائمة الحوادث');
      await screenshot(person.page, `queue-${language}`);
      await expectAccessible(person.page, `queue (${language})`);
      if (incidentId) {
        await person.page.goto(`${server.url}/app/#/incident/${incidentId}`);
        await person.page.waitForSelector('#incident-title');
        await person.page.waitForSelector('.dispatch[aria-busy=false]');
        await screenshot(person.page, `incident-${language}`);
        await expectAccessible(person.page, `incident (${language})`);
      }
      if (alertId) {
        await person.page.goto(`${server.url}/app/#/alerts/${alertId}`);
        await person.page.waitForSelector('[data-alert-state=approved]');
        await screenshot(person.page, `alert-${language}`);
        await expectAccessible(person.page, `alert (${language})`);
      }
      await person.page.goto(`${server.url}/app/#/queue`);
    }
    // The choice survives a reload.
    await person.page.reload();
    await person.page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await person.page.click('button:has-text("تسجيل الخروج")');
    await person.page.waitForSelector('#sign-in-title');
    await screenshot(person.page, 'sign-in-ar');
    await chooseLanguage(person.page, 'es');
    await screenshot(person.page, 'sign-in-es');
    expect(person.problems).toEqual([]);
    await person.context.close();
  }, 60_000);
}
