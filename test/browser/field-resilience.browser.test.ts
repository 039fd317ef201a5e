import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DialectName } from '../../server/platform/database/database.ts';
import { photoWithGps } from '../dispatch/media-fixtures.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildArea, buildMember, buildNetwork } from '../support/factories.ts';
import type { BuiltMember } from '../support/factories.ts';
import type { ServerProcess } from '../support/server-process.ts';
import {
  expectAccessible,
  newPerson,
  operatorReport,
  shouldRunBrowserTests,
  signInMember,
  startBrowserWorld,
} from './browser-support.ts';
import type { BrowserWorld } from './browser-support.ts';

const isEnabled = shouldRunBrowserTests();
const pilsen = { lat: 41.8564, lon: -87.6604 };

if (!isEnabled)
  describe.skip('field resilience in Chromium (Chromium not installed)', () =>
    it('queues an outcome and a photo offline and sends them on reconnecting', () => undefined));
else describeEachDatabase('web app in Chromium: field resilience', (dialect) => fieldResilience(dialect));

function fieldResilience(dialect: DialectName): void {
  let world: BrowserWorld;
  let server: ServerProcess;
  let browser: Browser;
  let desk: BuiltMember;
  let responder: BuiltMember;

  beforeAll(async () => {
    world = await startBrowserWorld(dialect);
    ({ server, browser } = world);
    const context = world.factories;
    const network = await buildNetwork(context, { languages: ['en', 'es', 'ar'] });
    const area = await buildArea(context, network.id, { name: 'Pilsen', center: pilsen });
    desk = await buildMember(context, {
      networkId: network.id,
      displayName: 'Dana Dispatcher',
      roles: [{ role: 'dispatcher' }],
      withTotp: true,
    });
    responder = await buildMember(context, {
      networkId: network.id,
      displayName: 'Rosa Responder',
      roles: [{ role: 'responder', areaId: area.id }],
      languages: ['en'],
    });
  });

  afterAll(() => world?.stop());

  it('without a connection: the app and the offer survive a reload, the outcome and a photo wait encrypted, and arrive on reconnecting', async () => {
    const dispatcher = await newPerson(browser);
    const field = await newPerson(browser, {
      viewport: { width: 390, height: 800 },
      geolocation: { latitude: 41.857, longitude: -87.661 },
      permissions: ['geolocation'],
    });
    await signInMember(field.page, server.url, responder);
    await field.page.goto(`${server.url}/app/#/responder`);
    await field.page.check('#on-call');
    await field.page.waitForSelector('.notice:text("Saved.")');
    await field.page.click('#share-location');
    await field.page.waitForSelector('text=Location shared');
    expect(await field.page.locator('#location-reminder').count()).toBe(0);

    // The shared location is about to expire: a banner says so, and one tap shares it again.
    await world.factories.database.db
      .updateTable('responder_profiles')
      .set({ location_expires_at: Date.now() + 4 * 60 * 1000 })
      .where('member_id', '=', responder.id)
      .execute();
    await field.page.reload();
    await field.page.waitForSelector('#location-reminder:has-text("expires in 4 minutes")');
    await field.page.click('#location-reminder button');
    await field.page.waitForSelector('#location-reminder', { state: 'detached' });

    await signInMember(dispatcher.page, server.url, desk);
    const incidentId = await operatorReport(
      dispatcher.page,
      pilsen,
      'Agents at the factory gate',
      'workplace',
    );
    await dispatcher.page.goto(`${server.url}/app/#/incident/${incidentId}`);
    await dispatcher.page.click(`[data-send-offer="${responder.id}"]`);
    await dispatcher.page.waitForSelector('[data-offer-status=offered]');
    await field.page.click('button:has-text("Accept")');
    await field.page.waitForSelector('.outcome-form');
    await dispatcher.page.waitForSelector('[data-offer-status=accepted]');
    // The worker keeps the shell once it controls the page.
    await field.page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await field.page.reload();
    await field.page.waitForSelector('.outcome-form');
    expect(await field.page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

    // The connection goes. A reload still opens the app on the current offer.
    await field.context.setOffline(true);
    await field.page.reload();
    await field.page.waitForSelector('.offer-card .outcome-form');
    expect(await field.page.textContent('.offer-card h3')).toContain('Workplace');

    // The outcome and a photo made offline wait on the phone, shown as waiting.
    const uploads: string[] = [];
    field.page.on('request', (request) => {
      if (request.url().endsWith('/evidence') && request.method() === 'POST') uploads.push(request.url());
    });
    await field.page.check('input[value=confirmed]');
    await field.page.fill('textarea[name=notes]', 'Two vans at the gate, agents left at 9:10.');
    await field.page.click('button:has-text("Send report")');
    await field.page.waitForSelector('[data-outbox-state=pending]:has-text("Outcome report")');
    await field.page.waitForSelector('.outcome-waiting');
    const photo = await photoWithGps();
    await field.page.locator('input[type=file]').setInputFiles({
      name: 'scene.jpg',
      mimeType: 'image/jpeg',
      buffer: photo,
    });
    await field.page.waitForSelector('[data-upload-state=waiting]');
    await field.page.waitForSelector('[data-outbox-state=pending]:has-text("Photo or video")');
    await expectAccessible(field.page, 'responder outbox while offline');

    // What waits is sealed: the notes are nowhere in IndexedDB in the clear, and the key cannot be read.
    const stored = await field.page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('amparo-outbox');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(new Error('no outbox'));
      });
      const read = <T>(store: string) =>
        new Promise<T[]>((resolve) => {
          const request = db.transaction(store).objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result as T[]);
        });
      const items = await read<{
        sealedMeta: { data: ArrayBuffer };
        sealedBody: { data: ArrayBuffer } | null;
      }>('items');
      const keys = await read<CryptoKey>('keys');
      const decoder = new TextDecoder('latin1');
      const bytes = items
        .flatMap((item) => [item.sealedMeta.data, item.sealedBody?.data ?? new ArrayBuffer(0)])
        .map((data) => decoder.decode(data))
        .join('');
      db.close();
      return {
        count: items.length,
        hasNotes: bytes.includes('Two vans'),
        hasJpegStart: bytes.includes('\u00ff\u00d8\u00ff'),
        isKeyExtractable: keys.map((key) => key.extractable),
      };
    });
    expect(stored).toEqual({ count: 2, hasNotes: false, hasJpegStart: false, isKeyExtractable: [false] });
    expect(await dispatcher.page.locator('[data-offer-status=accepted]:has-text("Confirmed")').count()).toBe(
      0,
    );

    // The connection returns: both are sent, acknowledged, and the dispatcher sees them arrive.
    await field.context.setOffline(false);
    await field.page.waitForSelector('text=Your report was sent', { timeout: 30_000 });
    await field.page.waitForSelector('[data-upload-state=done]', { timeout: 30_000 });
    await expect
      .poll(() => field.page.locator('[data-outbox-state=pending]').count(), { timeout: 30_000 })
      .toBe(0);
    await expect.poll(() => field.page.locator('[data-outbox-state=sent]').count()).toBe(2);
    await dispatcher.page.waitForSelector('[data-offer-status=accepted]:has-text("Confirmed")');
    await dispatcher.page.click('[data-show-evidence]');
    await dispatcher.page.locator('img.evidence-photo').waitFor();
    expect(await dispatcher.page.locator('.evidence-item').count()).toBe(1);
    // Retries went out more than once only if the first attempt failed; the server stored one photo.
    expect(uploads.length).toBeGreaterThanOrEqual(1);

    // Sign-out deletes the outbox, key and all, and the worker's copies.
    await field.page.click('button:has-text("Sign out")');
    await field.page.waitForSelector('input[type=password]');
    // (The worker may keep the app's own files again at once; no answer about the member stays.)
    const afterSignOut = await field.page.evaluate(async () => {
      const kept: string[] = [];
      for (const name of await caches.keys()) {
        for (const request of await (await caches.open(name)).keys())
          kept.push(new URL(request.url).pathname);
      }
      return {
        databases: (await indexedDB.databases()).map((database) => database.name),
        answers: kept.filter((path) => path.startsWith('/api/')),
      };
    });
    expect(afterSignOut).toEqual({ databases: [], answers: [] });

    for (const person of [field, dispatcher]) {
      expect(person.problems).toEqual([]);
      await person.context.close();
    }
  }, 120_000);
}
