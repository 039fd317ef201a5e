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
  operatorReport,
  screenshot,
  shouldRunBrowserTests,
  signInMember,
  startBrowserWorld,
  clickWithStepUp,
} from './browser-support.ts';
import type { BrowserWorld } from './browser-support.ts';
import { pushRoutingEnvironment, startLocalPushService } from './push-subscriber.ts';
import type { FakePushService } from './push-subscriber.ts';

const isEnabled = shouldRunBrowserTests();
const pilsen = { lat: 41.8564, lon: -87.6604 };
const phone = '+13125550190';

if (!isEnabled)
  describe.skip('responder devices in Chromium (Chromium not installed)', () =>
    it('registers push and SMS from the responder screen', () => undefined));
else describeEachDatabase('web app in Chromium: responder devices', (dialect) => responderDevices(dialect));

/**
 * Replaces only PushManager.subscribe (headless Chromium has no push service, ADR 0014): it hands
 * out the local push service's endpoint and keys, and records the key the app subscribed with.
 */
async function fakePushManager(
  page: Page,
  fake: { endpoint: string; keys: { p256dh: string; auth: string } },
) {
  await page.addInitScript((subscription: typeof fake) => {
    let current: PushSubscription | null = null;
    PushManager.prototype.getSubscription = () => Promise.resolve(current);
    PushManager.prototype.subscribe = function (options?: PushSubscriptionOptionsInit) {
      const key = new Uint8Array(options?.applicationServerKey as ArrayBuffer);
      document.documentElement.dataset.testApplicationServerKey = btoa(String.fromCharCode(...key))
        .replace(/\+/g, '-')
        .replace(/\//g, '_')
        .replace(/=+$/, '');
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

function responderDevices(dialect: DialectName): void {
  let world: BrowserWorld;
  let server: ServerProcess;
  let browser: Browser;
  let push: FakePushService;
  let twilio: FakeTwilio;
  let desk: BuiltMember;
  let responder: BuiltMember;
  let admin: BuiltMember;

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
    const area = await buildArea(context, network.id, { name: 'Pilsen', center: pilsen });
    desk = await buildMember(context, {
      networkId: network.id,
      displayName: 'Dana Dispatcher',
      roles: [{ role: 'dispatcher' }],
    });
    admin = await buildMember(context, {
      networkId: network.id,
      displayName: 'Ada Admin',
      roles: [{ role: 'admin' }],
      withTotp: true,
    });
    responder = await buildMember(context, {
      networkId: network.id,
      displayName: 'Rosa Responder',
      roles: [{ role: 'responder', areaId: area.id }],
      languages: ['en'],
    });
  }, 120_000);

  afterAll(async () => {
    await world?.stop();
    await push?.close();
    await twilio?.close();
  });

  it('registers push and an SMS number, test-pages both, and an offer wakes the closed app', async () => {
    const subscription = push.subscribe();
    const field = await newPerson(browser, { viewport: { width: 390, height: 800 } });
    await field.context.grantPermissions(['notifications'], { origin: server.url });
    await fakePushManager(field.page, subscription);
    const cdp: CDPSession = await field.context.newCDPSession(field.page);
    const registrations = new Map<string, string>();
    cdp.on('ServiceWorker.workerRegistrationUpdated', (event) => {
      for (const registration of event.registrations)
        if (!registration.isDeleted) registrations.set(registration.scopeURL, registration.registrationId);
    });
    await cdp.send('ServiceWorker.enable');
    const scope = `${server.url}/app/`;
    const pushesHere = () =>
      push.received.filter((received) => subscription.endpoint.endsWith(received.path));
    const deliver = async (data: string) => {
      const registrationId = registrations.get(scope);
      if (registrationId === undefined) throw new Error(`no service worker registered for ${scope}`);
      await cdp.send('ServiceWorker.deliverPushMessage', { origin: server.url, registrationId, data });
    };
    const notifications = () =>
      field.page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration('/app/');
        const shown = registration ? await registration.getNotifications() : [];
        return shown.map((shownNotification) => ({
          title: shownNotification.title,
          body: shownNotification.body,
          url: (shownNotification.data as { url?: string } | null)?.url ?? null,
        }));
      });

    await signInMember(field.page, server.url, responder);
    await field.page.goto(`${server.url}/app/#/responder`);
    await field.page.waitForSelector('#push-state[data-registered=false]');
    await field.page.waitForSelector('#sms-state[data-ending=""]');
    await expectAccessible(field.page, 'responder devices (nothing registered)');

    // Push: the app's own service worker, subscribed with the deployment's VAPID key.
    await field.page.click('#push-on');
    await field.page.waitForSelector('#push-state[data-registered=true]');
    const { publicKey } = await callFromPage<{ publicKey: string }>(
      field.page,
      'GET',
      '/api/responders/me/push',
    );
    expect(
      await field.page.evaluate(() => document.documentElement.dataset.testApplicationServerKey ?? null),
    ).toBe(publicKey);

    // SMS: a bad number is refused on the screen, a good one is kept (only its last four shown).
    await field.page.fill('#sms-phone', '3125550190');
    await field.page.click('#sms-save');
    await field.page.waitForSelector('.notice:has-text("not valid")');
    expect(await field.page.getAttribute('#sms-state', 'data-ending')).toBe('');
    await field.page.fill('#sms-phone', phone);
    await field.page.click('#sms-save');
    // Not used until the code texted to it (at the Twilio stand-in) is typed back.
    await field.page.waitForSelector('#sms-code');
    expect(await field.page.getAttribute('#sms-state', 'data-ending')).toBe('');
    await expect.poll(() => twilio.messages.filter((message) => message.to === phone).length).toBe(1);
    const code = /\b([0-9]{6})\b/.exec(twilio.messages.find((message) => message.to === phone)!.body)![1]!;
    await expectAccessible(field.page, 'responder devices (code waiting)');
    await field.page.fill('#sms-code', code);
    await field.page.click('#sms-verify');
    await field.page.waitForSelector('#sms-state[data-ending="0190"]');
    expect(await field.page.textContent('#responder-title')).toBeTruthy();
    await screenshot(field.page, 'responder-devices-en');
    await expectAccessible(field.page, 'responder devices (registered)');

    // "Send me a test page": a content-free push to this browser and a text to the number.
    await field.page.click('#test-page');
    await field.page.waitForSelector('text=Test page sent');
    await expect.poll(() => pushesHere().length, { timeout: 15_000 }).toBe(1);
    const testPush = pushesHere()[0]!;
    expect(testPush.isVapidValid).toBe(true);
    expect(JSON.parse(testPush.payload!)).toEqual({ type: 'responders.testPage' });
    await expect
      .poll(
        () =>
          twilio.messages.filter((message) => message.to === phone && /test page/.test(message.body)).length,
      )
      .toBe(1);
    await deliver(testPush.payload!);
    await expect.poll(async () => (await notifications()).map((shown) => shown.title)).toContain('Test page');

    // The app is closed (no Amparo tab); the dispatcher sends an offer.
    await field.page.goto('about:blank');
    const dispatcher = await newPerson(browser);
    await signInMember(dispatcher.page, server.url, desk);
    const incidentId = await operatorReport(dispatcher.page, pilsen);
    const sentAt = Date.now();
    const { offers } = await callFromPage<{ offers: { id: string }[] }>(
      dispatcher.page,
      'POST',
      `/api/incidents/${incidentId}/offers`,
      { responderIds: [responder.id] },
    );
    const offerId = offers[0]!.id;
    await expect.poll(() => pushesHere().length, { timeout: 15_000 }).toBe(2);
    const offerToPushMs = Date.now() - sentAt;
    console.log(`offer → responder push (${dialect}): ${offerToPushMs} ms`);
    const offerPush = pushesHere()[1]!;
    expect(JSON.parse(offerPush.payload!)).toEqual({ type: 'dispatch.offer', offerId });
    await deliver(offerPush.payload!);

    // The notice says nothing about the incident and opens the responder screen.
    await field.page.goto(`${server.url}/app/`);
    await expect
      .poll(async () => (await notifications()).find((shown) => shown.title === 'New dispatch offer'))
      .toEqual({
        title: 'New dispatch offer',
        body: 'Open Amparo to see it and answer.',
        url: `${server.url}/app/#/responder`,
      });
    await field.page.goto(`${server.url}/app/#/responder`);
    await field.page.click(`[data-offer-id="${offerId}"] button:has-text("Accept")`);
    await field.page.selectOption(`[data-offer-id="${offerId}"] select[data-eta]`, '15');
    await field.page.click(`[data-offer-id="${offerId}"] [data-progress=enRoute]`);
    await field.page.waitForSelector(`[data-offer-id="${offerId}"] h3:has-text("On the way")`);
    await field.page.click(`[data-offer-id="${offerId}"] [data-progress=onScene]`);
    await field.page.waitForSelector(`[data-offer-id="${offerId}"] h3:has-text("On scene")`);
    const { offers: seen } = await callFromPage<{
      offers: { id: string; enRouteAt: number; onSceneAt: number; etaAt: number }[];
    }>(dispatcher.page, 'GET', `/api/incidents/${incidentId}/offers`);
    const progressed = seen.find((offer) => offer.id === offerId)!;
    expect(progressed.enRouteAt).toBeGreaterThan(0);
    expect(progressed.onSceneAt).toBeGreaterThanOrEqual(progressed.enRouteAt);
    expect(progressed.etaAt).toBe(progressed.enRouteAt + 15 * 60_000);

    // Turning push off forgets the subscription on the server.
    await field.page.click('#push-off');
    await field.page.waitForSelector('#push-state[data-registered=false]');
    expect(field.problems).toEqual([]);
    await field.context.close();
    await dispatcher.context.close();
  }, 120_000);

  it('an admin turns offer escalation off and on again on the settings screen', async () => {
    const person = await newPerson(browser);
    await signInMember(person.page, server.url, admin);
    await person.page.goto(`${server.url}/app/#/admin/network`);
    // On by default.
    await person.page.waitForSelector('#escalation-on:checked');
    await person.page.uncheck('#escalation-on');
    // A settings change needs the admin's passkey (ADR 0026).
    await clickWithStepUp(
      person.page,
      '#escalation button[type=submit]',
      admin,
      person.page.locator('#network-notice:has-text("Offer escalation saved.")'),
    );
    const saved = await callFromPage<{ settings: { isOfferEscalationOn: boolean } }>(
      person.page,
      'GET',
      '/api/network',
    );
    expect(saved.settings.isOfferEscalationOn).toBe(false);
    await person.page.reload();
    await person.page.waitForSelector('#escalation-on:not(:checked)');
    await expectAccessible(person.page, 'network settings with offer escalation');
    await person.page.check('#escalation-on');
    // A settings change needs the admin's passkey (ADR 0026).
    await clickWithStepUp(
      person.page,
      '#escalation button[type=submit]',
      admin,
      person.page.locator('#network-notice:has-text("Offer escalation saved.")'),
    );
    expect(
      (await callFromPage<{ settings: { isOfferEscalationOn: boolean } }>(person.page, 'GET', '/api/network'))
        .settings.isOfferEscalationOn,
    ).toBe(true);
    expect(person.problems).toEqual([]);
    await person.context.close();
  }, 60_000);
}
