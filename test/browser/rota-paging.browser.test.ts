import type { Browser, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DialectName } from '../../server/platform/database/database.ts';
import { startFakeTwilio } from '../support/fake-twilio.ts';
import type { FakeTwilio } from '../support/fake-twilio.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildArea, buildMember, buildNetwork } from '../support/factories.ts';
import type { BuiltMember } from '../support/factories.ts';
import type { ServerProcess } from '../support/server-process.ts';
import {
  callFromPage,
  expectAccessible,
  newPerson,
  screenshot,
  shouldRunBrowserTests,
  signInMember,
  startBrowserWorld,
} from './browser-support.ts';
import type { BrowserWorld } from './browser-support.ts';
import { pushRoutingEnvironment, startLocalPushService } from './push-subscriber.ts';
import type { FakePushService } from './push-subscriber.ts';

const isEnabled = shouldRunBrowserTests();
const pilsen = { lat: 41.8564, lon: -87.6604 };

if (!isEnabled)
  describe.skip('rota and paging in Chromium (Chromium not installed)', () =>
    it('pages the on-duty dispatcher', () => undefined));
else
  describeEachDatabase('web app in Chromium: on-duty rota and paging', (dialect) => rotaAndPaging(dialect));

/** As in responder-devices: headless Chromium has no push service, so subscribe() gets the local one's. */
async function fakePushManager(
  page: Page,
  fake: { endpoint: string; keys: { p256dh: string; auth: string } },
) {
  await page.addInitScript((subscription: typeof fake) => {
    let current: PushSubscription | null = null;
    PushManager.prototype.getSubscription = () => Promise.resolve(current);
    PushManager.prototype.subscribe = function () {
      current = {
        endpoint: subscription.endpoint,
        expirationTime: null,
        toJSON: () => ({ endpoint: subscription.endpoint, expirationTime: null, keys: subscription.keys }),
        unsubscribe: () => {
          current = null;
          return Promise.resolve(true);
        },
      } as unknown as PushSubscription;
      return Promise.resolve(current);
    };
  }, fake);
}

/** `YYYY-MM-DDTHH:MM` in the browser's zone, for a datetime-local input. */
function localInput(at: number): string {
  const date = new Date(at);
  const two = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}T${two(date.getHours())}:${two(date.getMinutes())}`;
}

function rotaAndPaging(dialect: DialectName): void {
  let world: BrowserWorld;
  let server: ServerProcess;
  let browser: Browser;
  let push: FakePushService;
  let twilio: FakeTwilio;
  let dana: BuiltMember;
  let omar: BuiltMember;
  let coordinator: BuiltMember;
  let slug: string;

  beforeAll(async () => {
    push = await startLocalPushService();
    twilio = await startFakeTwilio();
    world = await startBrowserWorld(dialect, {
      ...pushRoutingEnvironment(push),
      TWILIO_API_BASE: twilio.url,
      TWILIO_ACCOUNT_SID: twilio.accountSid,
      TWILIO_AUTH_TOKEN: twilio.authToken,
      TWILIO_FROM: '+13125550100',
    });
    ({ server, browser } = world);
    const context = world.factories;
    const network = await buildNetwork(context, { languages: ['en', 'es', 'ar'] });
    slug = network.slug;
    await buildArea(context, network.id, { name: 'Pilsen', center: pilsen });
    dana = await buildMember(context, {
      networkId: network.id,
      displayName: 'Dana Dispatcher',
      roles: [{ role: 'dispatcher' }],
      withTotp: true,
    });
    omar = await buildMember(context, {
      networkId: network.id,
      displayName: 'Omar Offduty',
      roles: [{ role: 'dispatcher' }],
      withTotp: true,
    });
    coordinator = await buildMember(context, {
      networkId: network.id,
      displayName: 'Cora Coordinator',
      roles: [{ role: 'coordinator' }],
      withTotp: true,
    });
  }, 120_000);

  afterAll(async () => {
    await world?.stop();
    await push?.close();
    await twilio?.close();
  });

  it('a coordinator puts Dana on duty on the roster; a public report pages her closed app; opening it claims', async () => {
    // Dana turns on pages for this browser from the roster screen, then closes the app.
    const subscription = push.subscribe();
    const desk = await newPerson(browser);
    await desk.context.grantPermissions(['notifications'], { origin: server.url });
    await fakePushManager(desk.page, subscription);
    const cdp: CDPSession = await desk.context.newCDPSession(desk.page);
    const registrations = new Map<string, string>();
    cdp.on('ServiceWorker.workerRegistrationUpdated', (event) => {
      for (const registration of event.registrations)
        if (!registration.isDeleted) registrations.set(registration.scopeURL, registration.registrationId);
    });
    await cdp.send('ServiceWorker.enable');
    await signInMember(desk.page, server.url, dana);
    await desk.page.goto(`${server.url}/app/#/rota`);
    await desk.page.waitForSelector('#push-state[data-registered=false]');
    await desk.page.click('#push-on');
    await desk.page.waitForSelector('#push-state[data-registered=true]');
    await desk.page.goto('about:blank');

    // The coordinator adds a weekly turn and an extra turn from now on for Dana, on the screen.
    const office = await newPerson(browser);
    await signInMember(office.page, server.url, coordinator);
    await office.page.goto(`${server.url}/app/#/rota`);
    await office.page.waitForSelector('#coverage');
    expect(await office.page.textContent('#on-duty-now [data-role=dispatcher]')).toContain('nobody');
    // Before: the whole week is a gap for dispatchers in Pilsen.
    const pilsenGap = () =>
      office.page.getAttribute(
        '#coverage tr[data-role=dispatcher]:has(th:has-text("Pilsen"))',
        'data-gap-minutes',
      );
    expect(Number(await pilsenGap())).toBe(7 * 24 * 60);
    await office.page.selectOption('#shift-member', { label: 'Dana Dispatcher' });
    await office.page.selectOption('#shift-weekday', '1');
    await office.page.fill('#shift-start', '09:00');
    await office.page.fill('#shift-end', '17:00');
    await office.page.click('#shift-form button[type=submit]');
    await office.page.waitForSelector(`#rota-shifts tr[data-member="${dana.id}"]`);
    const now = Date.now();
    await office.page.selectOption('#exception-member', { label: 'Dana Dispatcher' });
    await office.page.selectOption('#exception-kind', 'extra');
    await office.page.fill('#exception-from', localInput(now - 3_600_000));
    await office.page.fill('#exception-to', localInput(now + 12 * 3_600_000));
    await office.page.click('#exception-form button[type=submit]');
    await office.page.waitForSelector('#rota-exceptions tr[data-kind=extra]');
    await expect.poll(() => office.page.textContent('#on-duty-now [data-role=dispatcher]')).toContain('Dana');
    expect(Number(await pilsenGap())).toBeLessThan(7 * 24 * 60 - 8 * 60);
    await expectAccessible(office.page, 'roster');
    await screenshot(office.page, 'rota-en');

    // A public report arrives (the web form's API, same site).
    const reportedAt = Date.now();
    const response = await fetch(`${server.url}/api/public/${slug}/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ category: 'workplace', location: pilsen, description: 'Agents at the gate' }),
    });
    expect(response.status).toBe(201);
    const acknowledgedAt = Date.now();
    const pushesHere = () =>
      push.received.filter((received) => subscription.endpoint.endsWith(received.path));
    await expect.poll(() => pushesHere().length, { timeout: 15_000 }).toBe(1);
    const reportToPageMs = Date.now() - reportedAt;
    console.log(
      `report → dispatcher's page at the push service (${dialect}): ${reportToPageMs} ms ` +
        `(report acknowledged after ${acknowledgedAt - reportedAt} ms, page ${Date.now() - acknowledgedAt} ms later)`,
    );
    const page = pushesHere()[0]!;
    expect(page.isVapidValid).toBe(true);
    const payload = JSON.parse(page.payload!) as { type: string; pageId: string };
    expect(Object.keys(payload).sort()).toEqual(['pageId', 'type']);
    expect(payload.type).toBe('paging.page');

    // The service worker shows a content-free notice that opens the page link.
    await desk.page.goto(`${server.url}/app/#/account`);
    const registrationId = registrations.get(`${server.url}/app/`);
    expect(registrationId).toBeDefined();
    await cdp.send('ServiceWorker.deliverPushMessage', {
      origin: server.url,
      registrationId: registrationId!,
      data: page.payload!,
    });
    const shownNotices = () =>
      desk.page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration('/app/');
        return (registration ? await registration.getNotifications() : []).map((shown) => ({
          title: shown.title,
          body: shown.body,
          url: (shown.data as { url?: string } | null)?.url ?? null,
        }));
      });
    await expect
      .poll(async () => (await shownNotices()).find((shown) => shown.title === 'New incident'))
      .toEqual({
        title: 'New incident',
        body: 'An incident waits for a dispatcher. Open to take it.',
        url: `${server.url}/app/#/page/${payload.pageId}`,
      });

    // Opening it answers the page and claims the incident; the off-duty dispatcher was not paged.
    await desk.page.goto(`${server.url}/app/#/page/${payload.pageId}`);
    // The hash changes within the same document (no load event); the claim may take a while on a
    // loaded machine, so poll the address rather than wait for a navigation.
    await expect.poll(() => desk.page.url(), { timeout: 30_000 }).toMatch(/#\/incident\//);
    const incidentId = /#\/incident\/([0-9a-f-]+)/.exec(desk.page.url())![1]!;
    const { incident } = await callFromPage<{ incident: { claim: { memberId: string } | null } }>(
      desk.page,
      'GET',
      `/api/incidents/${incidentId}`,
    );
    expect(incident.claim?.memberId).toBe(dana.id);
    expect(push.received).toHaveLength(1);
    expect(desk.problems).toEqual([]);
    expect(office.problems).toEqual([]);
    void omar;
    await desk.context.close();
    await office.context.close();
  }, 120_000);
}
