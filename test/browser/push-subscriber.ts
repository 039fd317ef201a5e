import type { Browser, CDPSession, Page } from 'playwright-core';
import { startFakePushService } from '../alerts/support/fake-push.ts';
import type { BrowserSubscription, FakePushService, ReceivedPush } from '../alerts/support/fake-push.ts';
import { expectAccessible, newPerson, screenshot } from './browser-support.ts';

export type { FakePushService };

/**
 * Headless Chromium cannot hold a real push subscription: PushManager.subscribe talks to Google's
 * push service, which is out of reach here. Everything around that one call is real (see
 * docs/adr/0014-push-in-browser-tests.md): the page's own subscribe.js registers the real
 * service worker and posts the subscription to the public API; the server's worker sends the
 * VAPID-signed, RFC 8291-encrypted request with the web-push library to a push service on
 * 127.0.0.1 that checks the signature and decrypts with the browser's keys; the decrypted
 * payload then goes into the real service worker through the DevTools protocol, as a push
 * service would hand it to the browser.
 */
export function startLocalPushService(): Promise<FakePushService> {
  return startFakePushService();
}

/**
 * Environment for an Amparo server process whose pushes to the local push service's host name
 * must reach it. The server connects to push services through an agent that refuses non-public
 * addresses; this preload gives web-push, for that one test host name only, an agent that
 * resolves it to 127.0.0.1 and trusts the service's throw-away certificate. Every other endpoint
 * keeps the public-only agent. (A data: URL because the preload runs before tsx is registered.)
 * Both web-push's own send and a plain https.request to that host (the server's sender, which
 * posts web-push's request details itself under a deadline) are routed.
 */
export function pushRoutingEnvironment(push: FakePushService): Record<string, string> {
  const preload = `
    import https from 'node:https';
    import { createRequire } from 'node:module';
    const webpush = createRequire(process.cwd() + '/package.json')('web-push');
    const host = process.env.AMPARO_TEST_PUSH_HOST;
    const agent = new https.Agent({
      ca: process.env.AMPARO_TEST_PUSH_CA,
      lookup: (name, options, callback) =>
        options.all ? callback(null, [{ address: '127.0.0.1', family: 4 }]) : callback(null, '127.0.0.1', 4),
    });
    const send = webpush.sendNotification;
    webpush.sendNotification = (subscription, payload, options) =>
      send(subscription, payload, new URL(subscription.endpoint).hostname === host ? { ...options, agent } : options);
    // The server's sender posts with https.request itself (ADR 0021: a wall-clock deadline).
    const request = https.request;
    https.request = (url, options, ...rest) =>
      typeof url === 'string' && new URL(url).hostname === host && options && typeof options === 'object'
        ? request(url, { ...options, agent }, ...rest)
        : request(url, options, ...rest);
  `;
  const ca = push.agent.options.ca;
  return {
    NODE_OPTIONS: `--import=data:text/javascript,${encodeURIComponent(preload)}`,
    AMPARO_TEST_PUSH_HOST: new URL(push.origin).hostname,
    AMPARO_PUSH_HOSTS: new URL(push.origin).hostname,
    AMPARO_TEST_PUSH_CA: String(ca),
  };
}

export interface PushSubscriber {
  page: Page;
  problems: string[];
  subscription: BrowserSubscription;
  /** The applicationServerKey subscribe.js passed to PushManager.subscribe (base64url). */
  applicationServerKey: () => Promise<string | null>;
  /** The pushes the local service received for this browser. */
  received: () => ReceivedPush[];
  /** Hands a payload to the browser's service worker as its push service would. */
  deliver: (data: string) => Promise<void>;
  /** Notifications the service worker is showing now. */
  notifications: () => Promise<ShownNotification[]>;
  close: () => Promise<void>;
}

export interface ShownNotification {
  title: string;
  body: string;
  lang: string;
  dir: string;
  data: { url?: string } | null;
}

/**
 * A visitor opens the public subscribe page, enters a ZIP code, chooses a language and turns on
 * alerts. PushManager.subscribe is the only thing replaced (before any page script runs): it
 * returns a subscription whose endpoint is on the local push service and whose keys the test
 * holds, as a browser would hand out its push service's endpoint and its own keys.
 */
export async function subscribeThroughThePage(
  browser: Browser,
  options: { baseUrl: string; slug: string; zip: string; language: string; push: FakePushService },
): Promise<PushSubscriber> {
  const { baseUrl, slug, push } = options;
  const subscription = push.subscribe();
  const person = await newPerson(browser, { viewport: { width: 390, height: 800 } });
  await person.context.grantPermissions(['notifications'], { origin: baseUrl });
  await person.page.addInitScript((fake: { endpoint: string; keys: { p256dh: string; auth: string } }) => {
    let current: PushSubscription | null = null;
    const bytes = (text: string) =>
      Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)).buffer;
    PushManager.prototype.getSubscription = () => Promise.resolve(current);
    PushManager.prototype.subscribe = function (options?: PushSubscriptionOptionsInit) {
      const key = options?.applicationServerKey;
      const keyBytes = key instanceof Uint8Array ? key : new Uint8Array(key as ArrayBuffer);
      document.documentElement.dataset.testApplicationServerKey = btoa(String.fromCharCode(...keyBytes))
        .replace(/\+/g, '-')
        .replace(/\//g, '_')
        .replace(/=+$/, '');
      current = {
        endpoint: fake.endpoint,
        expirationTime: null,
        options: { userVisibleOnly: true, applicationServerKey: keyBytes.buffer },
        getKey: (name: PushEncryptionKeyName) => bytes(fake.keys[name]),
        toJSON: () => ({ endpoint: fake.endpoint, expirationTime: null, keys: fake.keys }),
        unsubscribe: () => {
          current = null;
          return Promise.resolve(true);
        },
      } as unknown as PushSubscription;
      return Promise.resolve(current);
    };
  }, subscription);

  const cdp: CDPSession = await person.context.newCDPSession(person.page);
  const registrations = new Map<string, string>();
  cdp.on('ServiceWorker.workerRegistrationUpdated', (event) => {
    for (const registration of event.registrations) {
      if (!registration.isDeleted) registrations.set(registration.scopeURL, registration.registrationId);
    }
  });
  await cdp.send('ServiceWorker.enable');

  const scope = `${baseUrl}/a/${slug}/`;
  await person.page.goto(`${baseUrl}/a/${slug}/subscribe`);
  await person.page.waitForSelector('#push-form:not([hidden])');
  await expectAccessible(person.page, 'subscribe page');
  await screenshot(person.page, 'subscribe-en');
  await person.page.fill('#field-push-zips', options.zip);
  await person.page.selectOption('#push-language', options.language);
  await person.page.check('#push-preference input[value=urgent]');
  await person.page.click('#push-form button[type=submit]');
  await person.page.waitForFunction(
    () =>
      document.querySelector('#push-form .push-status')?.textContent ===
      document.querySelector('#push-form')?.getAttribute('data-message-done'),
  );

  const pushesForThisBrowser = () =>
    push.received.filter((received) => subscription.endpoint.endsWith(received.path));
  return {
    page: person.page,
    problems: person.problems,
    subscription,
    applicationServerKey: () =>
      person.page.evaluate(() => document.documentElement.dataset.testApplicationServerKey ?? null),
    received: pushesForThisBrowser,
    deliver: async (data) => {
      const registrationId = registrations.get(scope);
      if (registrationId === undefined) throw new Error(`no service worker registered for ${scope}`);
      await cdp.send('ServiceWorker.deliverPushMessage', {
        origin: baseUrl,
        registrationId,
        data,
      });
    },
    notifications: () =>
      person.page.evaluate(async (scopeUrl) => {
        const registration = await navigator.serviceWorker.getRegistration(scopeUrl);
        const shown = registration ? await registration.getNotifications() : [];
        return shown.map((notification) => ({
          title: notification.title,
          body: notification.body,
          lang: notification.lang,
          dir: notification.dir,
          data: notification.data as { url?: string } | null,
        }));
      }, scope),
    close: () => person.context.close(),
  };
}
