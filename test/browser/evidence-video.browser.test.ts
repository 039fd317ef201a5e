import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DialectName } from '../../server/platform/database/database.ts';
import { offset, pilsen, responder } from '../dispatch/support.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildMember, buildNetwork } from '../support/factories.ts';
import type { BuiltMember } from '../support/factories.ts';
import {
  callFromPage,
  expectAccessible,
  newPerson,
  operatorReport,
  shouldRunBrowserTests,
  signInMember,
  startBrowserWorld,
} from './browser-support.ts';
import type { BrowserWorld } from './browser-support.ts';

const isEnabled = shouldRunBrowserTests();

if (!isEnabled)
  describe.skip('evidence videos in Chromium (Chromium not installed)', () =>
    it('plays the shared copy of a video in the page', () => undefined));
else describeEachDatabase('web app in Chromium: evidence videos', (dialect) => evidenceVideo(dialect));

/**
 * Records a second of a changing canvas with Chromium's own MP4 encoder (a real clip it can play,
 * with no tool outside the browser) and uploads it for the offer, as the responder's page would.
 */
function recordAndUpload(page: Page, offerId: string): Promise<{ status: number; evidenceId: string }> {
  return page.evaluate(async (offerId) => {
    const mimeType = ['video/mp4;codecs=avc1', 'video/mp4;codecs=vp9', 'video/mp4'].find((type) =>
      MediaRecorder.isTypeSupported(type),
    );
    if (!mimeType) throw new Error('this Chromium records no MP4');
    const canvas = document.createElement('canvas');
    canvas.width = 320;
    canvas.height = 240;
    const context = canvas.getContext('2d')!;
    const recorder = new MediaRecorder(canvas.captureStream(25), { mimeType });
    const chunks: Blob[] = [];
    recorder.ondataavailable = (event) => chunks.push(event.data);
    const stopped = new Promise((resolve) => (recorder.onstop = resolve));
    recorder.start();
    for (let frame = 0; frame < 25; frame += 1) {
      context.fillStyle = `hsl(${frame * 14}, 80%, 50%)`;
      context.fillRect(0, 0, 320, 240);
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    recorder.stop();
    await stopped;
    const session = (await (await fetch('/api/auth/session')).json()) as { csrfToken: string };
    const body = new FormData();
    body.append('file', new Blob(chunks, { type: 'video/mp4' }), 'clip.mp4');
    const response = await fetch(`/api/offers/${offerId}/evidence`, {
      method: 'POST',
      headers: { accept: 'application/json', 'x-csrf-token': session.csrfToken },
      body,
    });
    const answer = (await response.json()) as { evidence?: { id: string } };
    return { status: response.status, evidenceId: answer.evidence?.id ?? '' };
  }, offerId);
}

function evidenceVideo(dialect: DialectName): void {
  let world: BrowserWorld;
  let desk: BuiltMember;
  let observer: BuiltMember;

  beforeAll(async () => {
    world = await startBrowserWorld(dialect);
    const network = await buildNetwork(world.factories, { languages: ['en', 'es', 'ar'] });
    desk = await buildMember(world.factories, {
      networkId: network.id,
      roles: [{ role: 'dispatcher' }],
      languages: ['en'],
    });
    observer = await responder(world.factories, network.id, { location: offset(pilsen, 300) });
  });

  afterAll(() => world?.stop());

  it('plays the shared copy of a video in the page, fetched only when asked for', async () => {
    const { server } = world;
    const dispatcher = await newPerson(world.browser);
    const field = await newPerson(world.browser);
    await signInMember(dispatcher.page, server.url, desk);
    await signInMember(field.page, server.url, observer);
    const incidentId = await operatorReport(dispatcher.page, pilsen);
    const sent = await callFromPage<{ offers: { id: string }[] }>(
      dispatcher.page,
      'POST',
      `/api/incidents/${incidentId}/offers`,
      { responderIds: [observer.id] },
    );
    const offerId = sent.offers[0]!.id;
    await callFromPage(field.page, 'POST', `/api/offers/${offerId}/accept`, {});
    const { status, evidenceId } = await recordAndUpload(field.page, offerId);
    expect(status).toBe(201);

    const sharedFetches: string[] = [];
    dispatcher.page.on('request', (request) => {
      if (request.url().endsWith(`/api/evidence/${evidenceId}/shared`)) sharedFetches.push(request.url());
    });
    await dispatcher.page.goto(`${server.url}/app/#/incident/${incidentId}`);
    const item = dispatcher.page.locator(`[data-evidence-id="${evidenceId}"]`);
    const show = item.locator(`[data-show-evidence="${evidenceId}"]`);
    expect(await show.textContent()).toBe('Show video 1');
    expect(await item.locator('[data-download-evidence]').getAttribute('href')).toBe(
      `/api/evidence/${evidenceId}/shared`,
    );
    // Nothing is fetched (and so logged as viewed) until the dispatcher asks for it.
    expect(await item.locator('video').count()).toBe(0);
    expect(sharedFetches).toEqual([]);

    await show.click();
    const video = item.locator('video.evidence-video');
    await video.waitFor();
    expect(await video.getAttribute('src')).toMatch(/^blob:/);
    expect(await video.getAttribute('controls')).not.toBeNull();
    expect(await video.getAttribute('aria-label')).toMatch(/^Video 1, received /);
    // Chromium reads the clip and plays it: the page's policy lets blob: media through.
    await expect
      .poll(() => video.evaluate((element: HTMLVideoElement) => [element.videoWidth, element.videoHeight]))
      .toEqual([320, 240]);
    await video.evaluate((element: HTMLVideoElement) => {
      element.muted = true;
      return element.play();
    });
    await expect
      .poll(() => video.evaluate((element: HTMLVideoElement) => element.currentTime))
      .toBeGreaterThan(0);
    expect(await video.evaluate((element: HTMLVideoElement) => element.error?.code ?? null)).toBeNull();
    expect(await item.locator('[data-download-evidence]').isVisible()).toBe(true);
    expect(sharedFetches).toHaveLength(1);
    const views = await world.database.db
      .selectFrom('evidence_custody_events')
      .select('action')
      .where('evidence_id', '=', evidenceId)
      .where('action', '=', 'viewed')
      .execute();
    expect(views).toHaveLength(1);

    await expectAccessible(dispatcher.page, 'incident with a playing video');
    for (const person of [dispatcher, field]) {
      expect(person.problems).toEqual([]);
      await person.context.close();
    }
  }, 90_000);
}
