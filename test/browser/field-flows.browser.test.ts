import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DialectName } from '../../server/platform/database/database.ts';
import { deviceMarker, photoWithGps } from '../dispatch/media-fixtures.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildArea, buildMember, buildNetwork } from '../support/factories.ts';
import type { BuiltMember } from '../support/factories.ts';
import type { ServerProcess } from '../support/server-process.ts';
import {
  expectAccessible,
  callFromPage,
  clickWithStepUp,
  chooseLanguage,
  newPerson,
  operatorReport,
  screenshot,
  shouldRunBrowserTests,
  signInMember,
  startBrowserWorld,
} from './browser-support.ts';
import type { BrowserWorld } from './browser-support.ts';

const isEnabled = shouldRunBrowserTests();
const pilsen = { lat: 41.8564, lon: -87.6604 };
/** The photo limit the server runs with: small, so the test can show a refusal before upload. */
const photoLimit = 2_000_000;

/** Approves on the alert page, answering the step-up dialog when the server asks for it. */
function approveWithStepUp(page: Page, approver: BuiltMember): Promise<void> {
  return clickWithStepUp(page, '#approve-alert', approver, page.locator('[data-alert-state=approved]'));
}

if (!isEnabled)
  describe.skip('field flows in Chromium (Chromium not installed)', () =>
    it('merges, splits, reports with photos, corrects and cancels', () => undefined));
else describeEachDatabase('web app in Chromium: field flows', (dialect) => fieldFlows(dialect));

function fieldFlows(dialect: DialectName): void {
  let world: BrowserWorld;
  let server: ServerProcess;
  let browser: Browser;
  let desk: BuiltMember;
  let otherDesk: BuiltMember;
  let responder: BuiltMember;
  let drafter: BuiltMember;
  let approver: BuiltMember;
  let incidentId = '';

  beforeAll(async () => {
    world = await startBrowserWorld(dialect, { AMPARO_MEDIA_PHOTO_MAX_BYTES: String(photoLimit) });
    ({ server, browser } = world);
    const context = world.factories;
    const network = await buildNetwork(context, { languages: ['en', 'es', 'ar'] });
    const area = await buildArea(context, network.id, { name: 'Pilsen', center: pilsen });
    const build = (displayName: string, role: 'dispatcher' | 'coordinator', withTotp = true) =>
      buildMember(context, { networkId: network.id, displayName, roles: [{ role }], withTotp });
    desk = await build('Dana Dispatcher', 'dispatcher');
    otherDesk = await build('Omar Dispatcher', 'dispatcher');
    drafter = await build('Carla Coordinator', 'coordinator', true);
    approver = await build('Ana Approver', 'coordinator', true);
    responder = await buildMember(context, {
      networkId: network.id,
      displayName: 'Rosa Responder',
      roles: [{ role: 'responder', areaId: area.id }],
      languages: ['es', 'en'],
    });
  });

  afterAll(() => world?.stop());

  it('merges two incidents and splits a report out again, live on a second desk', async () => {
    const first = await newPerson(browser);
    const second = await newPerson(browser);
    await signInMember(first.page, server.url, desk);
    await signInMember(second.page, server.url, otherDesk);

    // Two reports at the same gate cluster into one incident; a third, 3 km north, opens another.
    const report = async (location: { lat: number; lon: number }, category: string, description: string) => ({
      incidentId: await operatorReport(first.page, location, description, category),
    });
    incidentId = (await report(pilsen, 'workplace', 'Agents at the factory gate')).incidentId;
    expect((await report(pilsen, 'workplace', 'Two vans at the factory gate')).incidentId).toBe(incidentId);
    const elsewhere = await report(
      { lat: pilsen.lat + 0.027, lon: pilsen.lon },
      'street_stop',
      'Stop on Ashland',
    );
    expect(elsewhere.incidentId).not.toBe(incidentId);

    for (const person of [first, second]) {
      await person.page.goto(`${server.url}/app/#/incident/${incidentId}`);
      await expect.poll(() => person.page.locator('.timeline li').count()).toBe(2);
    }
    await second.page.waitForSelector('.dispatch[aria-busy=false]');

    // Merge: the other incident is offered (nearest first), chosen, and confirmed.
    await first.page.click('#merge-summary');
    await first.page.check(`[data-merge-candidate="${elsewhere.incidentId}"]`);
    await first.page.click('#merge-start');
    await first.page.waitForSelector('#confirm-merge:focus');
    await expectAccessible(first.page, 'merge confirmation');
    await first.page.click('#confirm-merge');
    await expect.poll(() => first.page.locator('.timeline li').count()).toBe(3);
    // The second dispatcher's page follows without a reload.
    await expect.poll(() => second.page.locator('.timeline li').count()).toBe(3);
    await expect.poll(() => second.page.textContent('.timeline')).toContain('Stop on Ashland');
    // The merged incident now points here.
    const merged = await callFromPage<{ incident: { status: string; mergedIntoId: string } }>(
      first.page,
      'GET',
      `/api/incidents/${elsewhere.incidentId}`,
    );
    expect(merged.incident).toMatchObject({ status: 'closed', mergedIntoId: incidentId });

    // Split: tick the report from Ashland and move it into a new incident.
    const ashland = first.page.locator('.timeline li', { hasText: 'Stop on Ashland' });
    await ashland.locator('input[type=checkbox]').check();
    await first.page.click('#split-reports');
    await first.page.click('#confirm-split');
    await first.page.waitForSelector('#split-done a');
    await expect.poll(() => first.page.locator('.timeline li').count()).toBe(2);
    await expect.poll(() => second.page.locator('.timeline li').count()).toBe(2);
    expect(await second.page.textContent('.timeline')).not.toContain('Stop on Ashland');
    const newIncidentHref = await first.page.getAttribute('#split-done a', 'href');
    expect(newIncidentHref).toMatch(/^#\/incident\/[0-9a-f-]{36}$/);
    expect(newIncidentHref).not.toContain(incidentId);

    // A server refusal is shown translated: every report ticked cannot be split out.
    for (const box of await first.page.locator('.timeline input[type=checkbox]').all()) await box.check();
    await first.page.waitForSelector('text=Leave at least one report in this incident.');
    await expectAccessible(first.page, 'incident with merge and split');
    // The merged incident's page says where its reports went.
    await second.page.goto(`${server.url}/app/#/incident/${elsewhere.incidentId}`);
    expect(await second.page.getAttribute('#merged-into a', 'href')).toBe(`#/incident/${incidentId}`);

    for (const person of [first, second]) {
      expect(person.problems).toEqual([]);
      await person.context.close();
    }
  }, 90_000);

  it('a responder reports the outcome with notes, a livestream link and photos; the dispatcher sees the stripped copy', async () => {
    expect(incidentId).toBeTruthy();
    const dispatcher = await newPerson(browser);
    const field = await newPerson(browser, {
      viewport: { width: 390, height: 800 },
      geolocation: { latitude: 41.857, longitude: -87.661 },
      permissions: ['geolocation'],
    });
    await signInMember(field.page, server.url, responder);
    await field.page.goto(`${server.url}/app/#/responder`);
    await field.page.check('#on-call');
    await field.page.waitForSelector('.notice:text("Saved.")'); // one status line: see core-flow
    await field.page.click('#share-location');
    await field.page.waitForSelector('text=Location shared');

    await signInMember(dispatcher.page, server.url, desk);
    await dispatcher.page.goto(`${server.url}/app/#/incident/${incidentId}`);
    await dispatcher.page.click(`[data-send-offer="${responder.id}"]`);
    await dispatcher.page.waitForSelector('[data-offer-status=offered]');
    await field.page.click('button:has-text("Accept")');
    await field.page.waitForSelector('.outcome-form');
    await field.page.waitForSelector('text=Up to 1.9 MB per photo.');

    // The outcome form in every language (right to left in Arabic), checked for accessibility.
    for (const language of ['es', 'ar', 'en'] as const) {
      await chooseLanguage(field.page, language);
      await screenshot(field.page, `responder-outcome-${language}`);
      await expectAccessible(field.page, `responder outcome form (${language})`);
    }

    // A photo over the limit is refused before any byte leaves the phone.
    const uploads: string[] = [];
    field.page.on('request', (request) => {
      if (request.url().endsWith('/evidence') && request.method() === 'POST') uploads.push(request.url());
    });
    const photoInput = field.page.locator('input[type=file]');
    expect(await photoInput.getAttribute('accept')).toBe('image/*,video/*');
    expect(await photoInput.getAttribute('capture')).toBe('environment');
    await photoInput.setInputFiles({
      name: 'huge.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.alloc(photoLimit + 1, 1),
    });
    await field.page.waitForSelector('[data-upload-state=tooLarge]:has-text("too large")');
    expect(uploads).toEqual([]);

    // The first attempt of the real photo fails (connection lost): the photo waits in the phone's
    // outbox and is sent again on its own once the connection is back (ADR 0029).
    const photo = await photoWithGps();
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    await field.page.route('**/api/offers/*/evidence', (route) => route.abort('internetdisconnected'));
    await photoInput.setInputFiles({ name: 'scene.jpg', mimeType: 'image/jpeg', buffer: photo });
    await field.page.waitForSelector('[data-upload-state=waiting]:has-text("waiting to send")');
    await field.page.unroute('**/api/offers/*/evidence');
    await field.page.waitForSelector('[data-upload-state=done]');

    // The livestream link must be https; a plain http link is refused in the form.
    await field.page.check('input[value=confirmed]');
    await field.page.fill('textarea[name=notes]', 'Two vans at the gate, no arrests seen.');
    await field.page.fill('input[name=livestreamUrl]', 'http://live.example.org/stream/42');
    await field.page.click('button:has-text("Send report")');
    await field.page.waitForSelector('text=This is not a secure link');
    expect(await field.page.getAttribute('input[name=livestreamUrl]', 'aria-invalid')).toBe('true');
    await expectAccessible(field.page, 'responder outcome form with an error');
    await field.page.fill('input[name=livestreamUrl]', 'https://live.example.org/stream/42');
    await field.page.click('button:has-text("Send report")');
    await field.page.waitForSelector('text=Your report was sent');

    // The dispatcher's page follows: outcome, the report on request, and the photo.
    await dispatcher.page.waitForSelector('[data-offer-status=accepted]:has-text("Confirmed")');
    await dispatcher.page.click('[data-show-report]');
    expect(await dispatcher.page.getAttribute('[data-livestream]', 'href')).toBe(
      'https://live.example.org/stream/42',
    );
    await dispatcher.page.waitForSelector('.outcome-report:has-text("Two vans at the gate")');
    await dispatcher.page.click('[data-show-evidence]');
    const image = dispatcher.page.locator('img.evidence-photo');
    await image.waitFor();
    await expect.poll(() => image.evaluate((element: HTMLImageElement) => element.naturalWidth)).toBe(320);

    const [download] = await Promise.all([
      dispatcher.page.waitForEvent('download'),
      dispatcher.page.click('[data-download-evidence]'),
    ]);
    const downloaded = fs.readFileSync(await download.path());
    const metadata = await sharp(downloaded).metadata();
    expect(metadata.format).toBe('jpeg');
    expect(metadata.exif).toBeUndefined();
    expect(downloaded.includes(Buffer.from(deviceMarker))).toBe(false);

    await expectAccessible(dispatcher.page, 'incident with evidence');
    for (const language of ['en', 'es', 'ar'] as const) {
      await chooseLanguage(dispatcher.page, language);
      await dispatcher.page.waitForSelector('.evidence-item');
      await screenshot(dispatcher.page, `incident-field-${language}`);
      await expectAccessible(dispatcher.page, `incident page (${language})`);
    }
    for (const person of [dispatcher, field]) {
      expect(person.problems).toEqual([]);
      await person.context.close();
    }
  }, 120_000);

  it('a coordinator corrects an approved alert, a different one approves, then it is cancelled by two', async () => {
    expect(incidentId).toBeTruthy();
    const drafting = await newPerson(browser);
    const approving = await newPerson(browser);
    await signInMember(drafting.page, server.url, drafter);
    await signInMember(approving.page, server.url, approver);

    // The incident was confirmed on scene: draft its alert, and a second coordinator approves it.
    await drafting.page.goto(`${server.url}/app/#/incident/${incidentId}`);
    await drafting.page.click('button:has-text("Draft alert")');
    await drafting.page.click('#composer-submit');
    await drafting.page.waitForSelector('#alert-title');
    const alertId = drafting.page.url().split('#/alerts/')[1]!;
    await approving.page.goto(`${server.url}/app/#/alerts/${alertId}`);
    await approveWithStepUp(approving.page, approver);

    // The drafter composes a correction in each language and lands on its preview.
    await drafting.page.reload();
    await drafting.page.click('#correct-alert');
    await drafting.page.waitForSelector('#correction-form-en:focus');
    await drafting.page.fill('#correction-form-en', 'The agents left at 10:40.');
    await drafting.page.fill('#correction-form-es', 'Los agentes se fueron a las 10:40.');
    await drafting.page.fill('#correction-form-ar', 'غادر العناصر عند الساعة 10:40.');
    await expectAccessible(drafting.page, 'correction form');
    await drafting.page.click('#correction-form button[type=submit]');
    await drafting.page.waitForURL((url) => !url.hash.endsWith(alertId));
    const correctionId = drafting.page.url().split('#/alerts/')[1]!;
    await drafting.page.waitForSelector('#alert-title:has-text("Correction")');
    await drafting.page.waitForSelector('text=A different coordinator must approve it');
    await expect.poll(() => drafting.page.locator('.preview-card').count()).toBe(3);
    expect(await drafting.page.textContent('.preview-card[lang=es]')).toContain('Los agentes se fueron');
    await drafting.page.waitForSelector('[data-history-kind=correction][data-history-state=draft]');

    // The drafter cannot approve it; the other coordinator does, through the same approval.
    const selfApproval = await drafting.page.evaluate(async (id) => {
      const session = (await (await fetch('/api/auth/session')).json()) as { csrfToken: string };
      const shown = (await (await fetch(`/api/alerts/${id}`)).json()) as { content: { hash: string } };
      const response = await fetch(`/api/alerts/${id}/approve`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({ contentHash: shown.content.hash }),
      });
      return ((await response.json()) as { error: { code: string } }).error.code;
    }, correctionId);
    expect(selfApproval).toBe('ALERT_SELF_APPROVAL');
    await approving.page.goto(`${server.url}/app/#/alerts/${correctionId}`);
    await approveWithStepUp(approving.page, approver);
    await approving.page.waitForSelector('[data-history-kind=correction][data-history-state=approved]');

    // The original now says it was replaced; the correction is the live message.
    await approving.page.goto(`${server.url}/app/#/alerts/${alertId}`);
    await approving.page.waitForSelector('[data-thread-state=superseded]');
    expect(await approving.page.locator('#cancel-alert').count()).toBe(0);

    // Cancel the live message with a reason: a draft, like the correction, that the other
    // coordinator approves (every public word is seen by two people).
    await approving.page.goto(`${server.url}/app/#/alerts/${correctionId}`);
    await approving.page.click('#cancel-alert');
    await approving.page.fill('#cancel-form-en', 'The report was a mistake.');
    await approving.page.fill('#cancel-form-es', 'El reporte fue un error.');
    await approving.page.click('#cancel-form button[type=submit]');
    await approving.page.waitForURL((url) => !url.hash.endsWith(correctionId));
    const cancellationId = approving.page.url().split('#/alerts/')[1]!;
    await approving.page.waitForSelector('text=A different coordinator must approve it');
    await approving.page.waitForSelector('[data-history-kind=cancellation][data-history-state=draft]');
    await drafting.page.goto(`${server.url}/app/#/alerts/${cancellationId}`);
    await approveWithStepUp(drafting.page, drafter);
    await drafting.page.waitForSelector('[data-history-kind=cancellation][data-history-state=approved]');
    await approving.page.goto(`${server.url}/app/#/alerts/${cancellationId}`);
    await expect
      .poll(() =>
        approving.page
          .locator('.alert-history li')
          .evaluateAll((items) => items.map((li) => li.getAttribute('data-history-kind'))),
      )
      .toEqual(['alert', 'correction', 'cancellation']);

    // The history reads the same from the original, in every language.
    await approving.page.goto(`${server.url}/app/#/alerts/${alertId}`);
    await approving.page.waitForSelector('[data-thread-state=cancelled]');
    for (const language of ['en', 'es', 'ar'] as const) {
      await chooseLanguage(approving.page, language);
      await approving.page.waitForSelector('[data-history-kind=cancellation]');
      await screenshot(approving.page, `alert-history-${language}`);
      await expectAccessible(approving.page, `alert history (${language})`);
    }
    // Members screens in Spanish and Arabic.
    for (const language of ['es', 'ar'] as const) {
      await chooseLanguage(approving.page, language);
      await approving.page.goto(`${server.url}/app/#/members`);
      await approving.page.waitForSelector('#members-title');
      await approving.page.waitForSelector('text=Rosa Responder');
      await screenshot(approving.page, `members-field-${language}`);
      await expectAccessible(approving.page, `members (${language})`);
    }
    for (const person of [drafting, approving]) {
      expect(person.problems).toEqual([]);
      await person.context.close();
    }
  }, 120_000);
}
