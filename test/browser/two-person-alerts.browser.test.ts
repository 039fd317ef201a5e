import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DialectName } from '../../server/platform/database/database.ts';
import { signTwilioRequest } from '../../server/platform/sms/twilio-webhook.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { startFakeTwilio } from '../support/fake-twilio.ts';
import type { FakeTwilio } from '../support/fake-twilio.ts';
import { buildArea, buildMember, buildNetwork } from '../support/factories.ts';
import type { BuiltMember } from '../support/factories.ts';
import type { ServerProcess } from '../support/server-process.ts';
import {
  chooseLanguage,
  clickWithStepUp,
  expectAccessible,
  freePort,
  newPerson,
  operatorReport,
  screenshot,
  shouldRunBrowserTests,
  signInMember,
  startBrowserWorld,
} from './browser-support.ts';
import type { BrowserWorld } from './browser-support.ts';

const isEnabled = shouldRunBrowserTests();
const languages = ['en', 'es', 'ar'] as const;
const pilsen = { lat: 41.8564, lon: -87.6604 };
const hotline = '+13125550142';
const phones = { en: '+13125550111', es: '+13125550122' };
/** The retraction's shipped text as the subscribers' phones show it (locales/<lang>/alerts.json). */
const withdrawn = {
  en: 'WITHDRAWN: this alert was withdrawn; details to follow.',
  es: 'RETIRADA: esta alerta fue retirada; daremos detalles pronto.',
};

if (!isEnabled)
  describe.skip('two-person alerts in Chromium (Chromium not installed)', () =>
    it('approves frozen texts, proposes templates, retracts and reviews', () => undefined));
else describeEachDatabase('two-person alerts in Chromium', (dialect) => twoPersonAlerts(dialect));

function twoPersonAlerts(dialect: DialectName): void {
  let world: BrowserWorld;
  let server: ServerProcess;
  let browser: Browser;
  let twilio: FakeTwilio;
  let publicUrl = '';
  let desk: BuiltMember;
  let drafter: BuiltMember;
  let approver: BuiltMember;
  let firstAlertId = '';
  let secondAlertId = '';

  beforeAll(async () => {
    twilio = await startFakeTwilio();
    const port = await freePort();
    publicUrl = `http://localhost:${port}`;
    world = await startBrowserWorld(dialect, {
      PORT: String(port),
      AMPARO_PUBLIC_URL: publicUrl,
      TWILIO_API_BASE: twilio.url,
      TWILIO_ACCOUNT_SID: twilio.accountSid,
      TWILIO_AUTH_TOKEN: twilio.authToken,
      TWILIO_FROM: hotline,
    });
    ({ server, browser } = world);
    const context = world.factories;
    const network = await buildNetwork(context, {
      languages: [...languages],
      settings: { hotlineNumbers: [hotline], alertCapPerAreaPerHour: 10 },
    });
    await buildArea(context, network.id, { name: 'Pilsen', center: pilsen, radiusMeters: 3000 });
    const build = (displayName: string, role: 'dispatcher' | 'coordinator') =>
      buildMember(context, { networkId: network.id, displayName, roles: [{ role }], withTotp: true });
    desk = await build('Dana Dispatcher', 'dispatcher');
    drafter = await build('Carla Coordinator', 'coordinator');
    approver = await build('Ana Approver', 'coordinator');
    // Two neighbours subscribe by texting the hotline, in English and in Spanish.
    await textTheHotline(phones.en, 'JOIN 60608');
    await textTheHotline(phones.es, 'ALTA 60608');
  });

  afterAll(async () => {
    await world?.stop();
    await twilio?.close();
  });

  /** A text to the hotline as Twilio delivers it: a form post signed with the account's token. */
  async function textTheHotline(from: string, body: string): Promise<void> {
    const params = { From: from, To: hotline, Body: body };
    const response = await fetch(`${server.url}/webhooks/twilio/sms`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': signTwilioRequest(twilio.authToken, `${publicUrl}/webhooks/twilio/sms`, params),
      },
      body: new URLSearchParams(params).toString(),
    });
    expect(response.status).toBe(200);
  }

  const textsTo = (phone: string) => twilio.messages.filter((message) => message.to === phone);

  /** An operator report the dispatcher verifies and confirms on the incident page. */
  async function confirmedIncident(location: { lat: number; lon: number }, category: string) {
    const person = await newPerson(browser);
    await signInMember(person.page, server.url, desk);
    const incidentId = await operatorReport(person.page, location, `Agents seen (${category})`, category);
    await person.page.goto(`${server.url}/app/#/incident/${incidentId}`);
    await person.page.click('button[data-status=verifying]');
    await person.page.waitForSelector('#incident-title .status-verifying');
    await person.page.click('button[data-status=confirmed]');
    await person.page.waitForSelector('#incident-title .status-confirmed');
    expect(person.problems).toEqual([]);
    await person.context.close();
    return incidentId;
  }

  /** The drafter drafts the incident's alert from its page; answers the draft's id. */
  async function draftFromIncident(page: Page, incidentId: string): Promise<string> {
    await page.goto(`${server.url}/app/#/incident/${incidentId}`);
    await page.click('button:has-text("Draft alert")');
    await page.click('#composer-submit');
    await page.waitForSelector('#frozen-title');
    return page.url().split('#/alerts/')[1]!;
  }

  const smsShown = (page: Page, language: string) =>
    page.textContent(`.preview-card[lang=${language}] [data-channel=sms] pre`);

  it('a second coordinator approves exactly the frozen preview, and the texts sent are those texts', async () => {
    const incidentId = await confirmedIncident(pilsen, 'workplace');
    const drafting = await newPerson(browser);
    await signInMember(drafting.page, server.url, drafter);
    firstAlertId = await draftFromIncident(drafting.page, incidentId);
    await drafting.page.waitForSelector('text=A different coordinator must approve it');
    expect(await drafting.page.locator('#approve-alert').count()).toBe(0);

    const approving = await newPerson(browser);
    await signInMember(approving.page, server.url, approver);
    await approving.page.goto(`${server.url}/app/#/alerts/${firstAlertId}`);
    await expect.poll(() => approving.page.locator('.preview-card').count()).toBe(3);
    // Every channel of every language, the SMS with its segments and encoding.
    for (const language of languages) {
      for (const channel of ['sms', 'push', 'email', 'page']) {
        const part = approving.page.locator(`.preview-card[lang=${language}] [data-channel=${channel}]`);
        expect(await part.count(), `${channel} in ${language}`).toBe(1);
      }
    }
    const englishSegments = approving.page.locator('.preview-card[lang=en] [data-sms-encoding]');
    expect(await englishSegments.getAttribute('data-sms-encoding')).toBe('GSM-7');
    expect(await englishSegments.textContent()).toMatch(/^\d segments?, GSM-7$/);
    // The fingerprint, short with the whole on hover; who rendered it; the CAP document folded.
    const firstHash = (await approving.page.getAttribute('#content-hash', 'data-hash'))!;
    expect(firstHash).toMatch(/^[0-9a-f]{64}$/);
    expect(await approving.page.textContent('#content-hash')).toBe(firstHash.slice(0, 12));
    expect(await approving.page.getAttribute('#content-hash', 'title')).toBe(firstHash);
    expect(await approving.page.textContent('#content-rendered')).toContain('Carla Coordinator');
    expect(await approving.page.locator('[data-template-version=default]').count()).toBe(3);
    expect(await approving.page.isVisible('#cap-document')).toBe(false);
    await approving.page.click('.cap-document summary');
    expect(await approving.page.textContent('#cap-document')).toContain(
      'urn:oasis:names:tc:emergency:cap:1.2',
    );
    for (const language of languages) {
      await chooseLanguage(approving.page, language);
      await approving.page.waitForSelector('#frozen-title');
      await expectAccessible(approving.page, `frozen preview (${language})`);
      await screenshot(approving.page, `alert-frozen-preview-${language}`);
    }
    await chooseLanguage(approving.page, 'en');

    // The drafter re-renders while the approver reads: approving the texts read is refused, and
    // the screen shows the new texts with their new fingerprint.
    await drafting.page.click('#rerender-alert');
    await expectAccessible(drafting.page, 're-render confirmation');
    await drafting.page.click('#confirm-rerender');
    await drafting.page.waitForSelector('.rerender .notice:has-text("Re-rendered")');
    const refused = approving.page.locator('#approval-notice:has-text("The texts changed")');
    await clickWithStepUp(approving.page, '#approve-alert', approver, refused);
    await expect.poll(() => approving.page.getAttribute('#content-hash', 'data-hash')).not.toBe(firstHash);
    expect(await approving.page.locator('[data-alert-state=draft]').count()).toBe(1);

    // Approving what is shown now: the stand-in receives exactly the frozen texts.
    const frozen = { en: await smsShown(approving.page, 'en'), es: await smsShown(approving.page, 'es') };
    const approved = approving.page.locator('[data-alert-state=approved]');
    await clickWithStepUp(approving.page, '#approve-alert', approver, approved);
    for (const language of ['en', 'es'] as const) {
      await expect
        .poll(() => textsTo(phones[language]).map((message) => message.body), { timeout: 30_000 })
        .toEqual([frozen[language]]);
    }
    for (const person of [drafting, approving]) {
      expect(person.problems).toEqual([]);
      await person.context.close();
    }
  }, 180_000);

  it('a template change proposed on screen, approved by a second coordinator, changes the next draft', async () => {
    const proposing = await newPerson(browser);
    await signInMember(proposing.page, server.url, drafter);
    await proposing.page.goto(`${server.url}/app/#/admin/templates`);
    await proposing.page.selectOption('#template-language', 'en');
    await proposing.page.click('button[data-template-key="alert.home"]');
    const newText =
      'VERIFIED: immigration agents at a home near {place}, seen since {time}. Keep the door closed: agents need a warrant signed by a judge. {details}';
    await proposing.page.fill('#template-body', newText);
    await expect
      .poll(() => proposing.page.textContent('#template-preview .sms'))
      .toContain('Keep the door closed');
    await proposing.page.click('#template-save');
    await proposing.page.waitForSelector(
      'text=Change proposed. It takes effect when a second coordinator approves it.',
    );
    await proposing.page.waitForSelector('#template-pending a');
    // The proposer sees the change but cannot approve it.
    await proposing.page.click('#template-proposals a');
    await proposing.page.waitForSelector('#proposal-title');
    await proposing.page.waitForSelector('text=You proposed this change');
    expect(await proposing.page.locator('#approve-proposal').count()).toBe(0);

    const approving = await newPerson(browser);
    await signInMember(approving.page, server.url, approver);
    await approving.page.goto(`${server.url}/app/#/admin/templates`);
    await approving.page.click('#template-proposals a');
    await approving.page.waitForSelector('#approve-proposal');
    // Both texts, and the diff marked by more than color: <ins>/<del> with a spoken label.
    expect(await approving.page.textContent('[data-text=current]')).toContain('Do not open the door');
    expect(await approving.page.textContent('#diff-en ins')).toContain('added:');
    expect(await approving.page.locator('#diff-en ins', { hasText: 'Keep' }).count()).toBe(1);
    expect(await approving.page.locator('#diff-en del', { hasText: 'open' }).count()).toBe(1);
    for (const kind of ['current', 'proposed']) {
      const segments = await approving.page.getAttribute(`[data-segments-of=${kind}]`, 'data-segments');
      expect(Number(segments)).toBeGreaterThan(0);
    }
    for (const language of languages) {
      await chooseLanguage(approving.page, language);
      await approving.page.waitForSelector('#approve-proposal');
      await expectAccessible(approving.page, `template change approval (${language})`);
      await screenshot(approving.page, `template-proposal-${language}`);
    }
    await chooseLanguage(approving.page, 'en');
    await approving.page.click('#approve-proposal');
    const approved = approving.page.locator('[data-proposal-state=approved]');
    await clickWithStepUp(approving.page, '#confirm-approve-proposal', approver, approved);
    const proposalId = approving.page.url().split('/proposals/')[1]!;

    // The next draft is written with the approved text, and says which version it used.
    const incidentId = await confirmedIncident({ lat: pilsen.lat + 0.011, lon: pilsen.lon }, 'home');
    secondAlertId = await draftFromIncident(proposing.page, incidentId);
    expect(await proposing.page.textContent('.preview-card[lang=en] [data-channel=push]')).toContain(
      'Keep the door closed',
    );
    expect(await proposing.page.textContent('.preview-card[lang=es] [data-channel=push]')).not.toContain(
      'Keep the door closed',
    );
    expect(await proposing.page.textContent('.template-versions')).toContain(
      `approved change ${proposalId.slice(0, 8)}`,
    );
    for (const person of [proposing, approving]) {
      expect(person.problems).toEqual([]);
      await person.context.close();
    }
  }, 180_000);

  it('a retraction from the screen stops the area until a second coordinator reviews it', async () => {
    expect(firstAlertId && secondAlertId).toBeTruthy();
    const retracting = await newPerson(browser);
    await signInMember(retracting.page, server.url, approver);
    await retracting.page.goto(`${server.url}/app/#/alerts/${firstAlertId}`);
    // The confirmation says what happens, in every language of the app; nothing is sent yet.
    for (const language of languages) {
      await chooseLanguage(retracting.page, language);
      await retracting.page.click('#retract-alert');
      await retracting.page.waitForSelector('#retract-dialog[open]');
      await expectAccessible(retracting.page, `retraction confirmation (${language})`);
      await screenshot(retracting.page, `alert-retract-${language}`);
      await retracting.page.click('#retract-dialog .button-secondary');
    }
    await chooseLanguage(retracting.page, 'en');
    expect(textsTo(phones.en)).toHaveLength(1);
    await retracting.page.click('#retract-alert');
    expect(await retracting.page.textContent('#retract-fixed-text')).toContain(withdrawn.en);
    expect(await retracting.page.textContent('#retract-fixed-text')).toContain(withdrawn.es);
    expect(await retracting.page.textContent('#retract-stops')).toContain('Pilsen');
    const retracted = retracting.page.locator('[data-thread-state=retracted]');
    await clickWithStepUp(retracting.page, '#confirm-retract', approver, retracted);
    // The fixed text reaches everyone who got the alert, in their language.
    for (const language of ['en', 'es'] as const) {
      await expect
        .poll(() => textsTo(phones[language]).map((message) => message.body), { timeout: 30_000 })
        .toEqual([expect.anything(), expect.stringContaining(withdrawn[language])]);
    }

    // Another alert in the area is refused on screen while the stop holds.
    await retracting.page.goto(`${server.url}/app/#/alerts/${secondAlertId}`);
    const stopped = retracting.page.locator(
      '#approval-notice:has-text("An alert in this area was retracted")',
    );
    await clickWithStepUp(retracting.page, '#approve-alert', approver, stopped);
    expect(await retracting.page.locator('[data-alert-state=draft]').count()).toBe(1);
    // The retractor sees the stop but cannot review it.
    await retracting.page.goto(`${server.url}/app/#/alerts`);
    await retracting.page.waitForSelector('#area-stops:has-text("Pilsen")');
    await retracting.page.waitForSelector('#area-stops p:has-text("Stopped by"):has-text("Ana Approver")');
    await retracting.page.waitForSelector('text=You sent this retraction');
    expect(await retracting.page.locator('[data-review-retraction]').count()).toBe(0);
    for (const language of languages) {
      await chooseLanguage(retracting.page, language);
      await retracting.page.waitForSelector('#area-stops');
      await expectAccessible(retracting.page, `area stops (${language})`);
      await screenshot(retracting.page, `alert-area-stops-${language}`);
    }
    await chooseLanguage(retracting.page, 'en');

    // A different coordinator reviews it: the stop lifts, and the other alert can be approved.
    const reviewing = await newPerson(browser);
    await signInMember(reviewing.page, server.url, drafter);
    await reviewing.page.goto(`${server.url}/app/#/alerts`);
    await reviewing.page.click('[data-review-retraction]');
    expect(await reviewing.page.textContent('.area-stop .confirm')).toContain('Lift the stop on Pilsen?');
    const reviewed = reviewing.page.locator('.notice:has-text("Reviewed.")');
    await clickWithStepUp(reviewing.page, '[data-confirm-review]', drafter, reviewed);
    await expect.poll(() => reviewing.page.locator('#area-stops').count()).toBe(0);
    await retracting.page.goto(`${server.url}/app/#/alerts/${secondAlertId}`);
    const approved = retracting.page.locator('[data-alert-state=approved]');
    await clickWithStepUp(retracting.page, '#approve-alert', approver, approved);
    for (const person of [retracting, reviewing]) {
      expect(person.problems).toEqual([]);
      await person.context.close();
    }
  }, 180_000);
}
