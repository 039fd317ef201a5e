import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DialectName } from '../../server/platform/database/database.ts';
import { signTwilioRequest } from '../../server/platform/sms/twilio-webhook.ts';
import { randomPhone } from '../hotline/support.ts';
import {
  buildOnDutyOperator,
  callSidOf,
  recordingSidOf,
  toneWav,
  voicePath,
} from '../hotline/voice-support.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { startFakeTwilio } from '../support/fake-twilio.ts';
import type { FakeTwilio } from '../support/fake-twilio.ts';
import { buildNetwork } from '../support/factories.ts';
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

if (!isEnabled)
  describe.skip('the phone line in Chromium (Chromium not installed)', () =>
    it('shows a live call and plays a voicemail', () => undefined));
else describeEachDatabase('web app in Chromium: the phone line', (dialect) => voiceLine(dialect));

function voiceLine(dialect: DialectName): void {
  let world: BrowserWorld;
  let twilio: FakeTwilio;
  let publicUrl: string;

  beforeAll(async () => {
    twilio = await startFakeTwilio({ authToken: 'voice-browser-token-1' });
    world = await startBrowserWorld(dialect, {
      TWILIO_ACCOUNT_SID: twilio.accountSid,
      TWILIO_AUTH_TOKEN: twilio.authToken,
      TWILIO_FROM: '+13125550000',
      TWILIO_API_BASE: twilio.url,
    });
    publicUrl = `http://localhost:${new URL(world.server.url).port}`;
  }, 60_000);

  afterAll(async () => {
    await world?.stop();
    await twilio?.close();
  });

  /** A voice webhook, signed as Twilio signs it, to the running server. */
  async function postVoice(path: string, params: Record<string, string>): Promise<string> {
    const response = await fetch(`${world.server.url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': signTwilioRequest(twilio.authToken, `${publicUrl}${path}`, params),
      },
      body: new URLSearchParams(params).toString(),
      signal: AbortSignal.timeout(10_000),
    });
    expect(response.status).toBe(200);
    return response.text();
  }

  it('shows the operator a live call they take, and plays a voicemail in the queue with a speed control', async () => {
    const hotline = randomPhone();
    const network = await buildNetwork(world.factories, {
      languages: ['en', 'es'],
      settings: { hotlineNumbers: [hotline] },
    });
    const operator = await buildOnDutyOperator(world.factories, network.id, randomPhone());
    const desk = await newPerson(world.browser);
    await signInMember(desk.page, world.server.url, operator);
    await desk.page.goto(`${world.server.url}/app/#/queue`);
    await desk.page.locator('#queue-title').waitFor();

    // A caller chooses Spanish, then a person: the operator's screen shows the call ringing.
    const call = { CallSid: callSidOf(), From: randomPhone(), To: hotline };
    await postVoice(voicePath, call);
    await postVoice(`${voicePath}/language`, { ...call, Digits: '2' });
    await postVoice(`${voicePath}/choice?lang=es`, { ...call, Digits: '1' });
    const row = desk.page.locator(`[data-call-sid="${call.CallSid}"]`);
    await expect.poll(() => row.getAttribute('data-call-status')).toBe('ringing');
    expect(await row.textContent()).toContain('Spanish');
    expect(await row.textContent()).toContain(`number ending in ${call.From.slice(-2)}`);
    expect(await row.textContent()).not.toContain(call.From.slice(2, -2));
    await screenshot(desk.page, 'voice-live-call-ringing');

    // The operator presses 1 on their phone: the call is theirs, with the way to type its report.
    await postVoice(`${voicePath}/accept?call=${call.CallSid}&member=${operator.id}`, {
      CallSid: callSidOf(),
      Digits: '1',
    });
    await expect.poll(() => row.getAttribute('data-call-status')).toBe('answered');
    expect(await row.locator('a[href="#/entry"]').textContent()).toBe('Type the report of this call');
    await expectAccessible(desk.page, 'queue with a live call');

    // Another caller leaves a voicemail; Twilio's callback; the server's worker stores it.
    const second = { CallSid: callSidOf(), From: randomPhone(), To: hotline };
    await postVoice(voicePath, second);
    await postVoice(`${voicePath}/choice?lang=en`, { ...second, Digits: '3' });
    const RecordingSid = recordingSidOf();
    twilio.addRecording(RecordingSid, toneWav(2));
    await postVoice(`${voicePath}/recording?lang=en`, {
      CallSid: second.CallSid,
      RecordingSid,
      RecordingStatus: 'completed',
      RecordingDuration: '2',
    });
    // It reaches the queue in real time as a report of its own, and Twilio's copy is deleted.
    let incidentId: string | null = null;
    await expect
      .poll(
        async () => {
          const stored = await world.database.db
            .selectFrom('voicemails')
            .select('incident_id')
            .where('recording_sid', '=', RecordingSid)
            .executeTakeFirst();
          incidentId = stored?.incident_id ?? null;
          return incidentId;
        },
        { timeout: 20_000 },
      )
      .not.toBeNull();
    await desk.page.locator(`[data-incident-id="${incidentId}"]`).waitFor({ timeout: 15_000 });
    await expect
      .poll(
        () => twilio.recordingRequests.filter((request) => request.method === 'DELETE').map((r) => r.status),
        {
          timeout: 20_000,
        },
      )
      .toEqual([204]);
    expect(twilio.recordings.has(RecordingSid)).toBe(false);
    await screenshot(desk.page, 'voice-queue-with-voicemail');

    // The dispatcher opens it and plays the voicemail, at one and a half times the speed.
    await desk.page.locator(`[data-incident-id="${incidentId}"] a`).click();
    const player = desk.page.locator('[data-voicemail-id] audio.voicemail-audio');
    await player.waitFor();
    expect(await player.getAttribute('src')).toMatch(/^\/api\/voicemails\/[0-9a-f-]{36}\/audio$/);
    await desk.page.locator('[data-voicemail-speed]').selectOption('1.5');
    await expect
      .poll(() => player.evaluate((element: HTMLAudioElement) => element.duration))
      .toBeGreaterThan(1.5);
    await player.evaluate((element: HTMLAudioElement) => {
      element.muted = true;
      return element.play();
    });
    await expect
      .poll(() => player.evaluate((element: HTMLAudioElement) => element.currentTime))
      .toBeGreaterThan(0);
    expect(await player.evaluate((element: HTMLAudioElement) => element.playbackRate)).toBe(1.5);
    expect(await player.evaluate((element: HTMLAudioElement) => element.error?.code ?? null)).toBeNull();
    await expectAccessible(desk.page, 'incident with a voicemail');
    await screenshot(desk.page, 'voice-incident-voicemail');
    expect(desk.problems).toEqual([]);
    await desk.context.close();
  }, 120_000);
}
