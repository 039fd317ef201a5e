import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle, DialectName } from '../../server/platform/database/database.ts';
import { readZip } from '../dispatch/zip-reader.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildMember, buildNetwork } from '../support/factories.ts';
import type { BuiltMember } from '../support/factories.ts';
import type { ServerProcess } from '../support/server-process.ts';
import {
  callFromPage,
  clickWithStepUp,
  chooseLanguage,
  expectAccessible,
  newPerson,
  operatorReport,
  screenshot,
  shouldRunBrowserTests,
  signInMember,
  startBrowserWorld,
  totpCode,
} from './browser-support.ts';
import type { BrowserWorld } from './browser-support.ts';

const isEnabled = shouldRunBrowserTests();
const languages = ['en', 'es', 'ar'] as const;
const pilsen = { lat: 41.8564, lon: -87.6604 };

if (!isEnabled)
  describe.skip('evidence exports and settings in Chromium (Chromium not installed)', () =>
    it('exports evidence, edits hotline numbers, signs out on 401', () => undefined));
else
  describeEachDatabase('web app in Chromium: evidence exports, hotline numbers, ended sessions', (dialect) =>
    evidenceAndSettings(dialect),
  );

function evidenceAndSettings(dialect: DialectName): void {
  let world: BrowserWorld;
  let server: ServerProcess;
  let database: DatabaseHandle;
  let browser: Browser;
  let advocate: BuiltMember;
  let coordinator: BuiltMember;
  let admin: BuiltMember;
  let dispatcher: BuiltMember;

  beforeAll(async () => {
    world = await startBrowserWorld(dialect);
    ({ server, database, browser } = world);
    const context = world.factories;
    const network = await buildNetwork(context, { languages: ['en', 'es', 'ar'] });
    const build = (displayName: string, role: 'advocate' | 'coordinator' | 'admin' | 'dispatcher') =>
      buildMember(context, {
        networkId: network.id,
        displayName,
        roles: [{ role }],
        withTotp: true,
      });
    advocate = await build('Ava Advocate', 'advocate');
    coordinator = await build('Carla Coordinator', 'coordinator');
    admin = await build('Ada Admin', 'admin');
    dispatcher = await build('Dana Dispatcher', 'dispatcher');
  });

  afterAll(() => world?.stop());

  it('an advocate requests an export, a coordinator approves it after step-up, the advocate downloads it', async () => {
    const requesting = await newPerson(browser);
    const approving = await newPerson(browser);
    await signInMember(approving.page, server.url, coordinator);
    const incidentId = await operatorReport(approving.page, pilsen);

    // The advocate does not work incidents, but the page still offers the export.
    await signInMember(requesting.page, server.url, advocate);
    await requesting.page.goto(`${server.url}/app/#/incident/${incidentId}`);
    await requesting.page.waitForSelector('#exports-title');
    await requesting.page.waitForSelector("text=Your role does not show this incident's reports");
    await clickWithStepUp(
      requesting.page,
      '#export-request',
      advocate,
      requesting.page.locator('[data-export-status=pending]'),
    );
    expect(await requesting.page.textContent('#exports-notice')).toBe(
      'Export requested. A different advocate, admin or coordinator must approve it.',
    );
    const exportId = (await requesting.page.getAttribute('[data-export-status=pending]', 'data-export-id'))!;
    expect(await requesting.page.locator('[data-download-export]').count()).toBe(0);

    // Asking and approving are two people: the server's refusal, translated.
    await requesting.page.click(`[data-approve-export="${exportId}"]`);
    await expect
      .poll(() => requesting.page.textContent('#exports-notice'))
      .toBe('You asked for this export, so a different person must approve it.');
    await chooseLanguage(requesting.page, 'es');
    expect(await requesting.page.textContent('#exports-notice')).toBe(
      'Usted pidió esta exportación, así que otra persona debe aprobarla.',
    );
    for (const language of languages) {
      await chooseLanguage(requesting.page, language);
      await expectAccessible(requesting.page, `evidence exports, requester (${language})`);
      await screenshot(requesting.page, `evidence-exports-requested-${language}`);
    }
    await chooseLanguage(requesting.page, 'en');

    // The coordinator's confirmation is older than the step-up window: approving asks again.
    await database.db
      .updateTable('sessions')
      .set({ second_factor_at: Date.now() - 10 * 60_000 })
      .where('member_id', '=', coordinator.id)
      .execute();
    await approving.page.goto(`${server.url}/app/#/incident/${incidentId}`);
    await approving.page.waitForSelector(`[data-export-id="${exportId}"][data-export-status=pending]`);
    expect(await approving.page.locator('#export-request').count()).toBe(0);
    await approving.page.click(`[data-approve-export="${exportId}"]`);
    await approving.page.waitForSelector('dialog.step-up-dialog #step-up-code');
    expect(await approving.page.textContent('#step-up-hint')).toBe(
      'Evidence exports need a fresh confirmation.',
    );
    await expectAccessible(approving.page, 'evidence export step-up');
    await approving.page.fill('#step-up-code', await totpCode(coordinator));
    await approving.page.click('dialog.step-up-dialog button[type=submit]');
    await approving.page.waitForSelector(`[data-export-id="${exportId}"][data-export-status=approved]`);
    expect(await approving.page.locator('[data-download-export]').count()).toBe(0);
    await expectAccessible(approving.page, 'incident page with an approved export');
    await screenshot(approving.page, 'evidence-exports-approved-en');

    // The requester's page follows the approval live, and the bundle downloads once.
    const downloadButton = requesting.page.locator(`[data-download-export="${exportId}"]`);
    await downloadButton.waitFor();
    const [download] = await Promise.all([requesting.page.waitForEvent('download'), downloadButton.click()]);
    expect(download.suggestedFilename()).toMatch(
      new RegExp(`^evidence-${incidentId}-\\d{4}-\\d{2}-\\d{2}\\.zip$`),
    );
    const bundle = await readZip(fs.readFileSync(await download.path()));
    expect(JSON.parse(bundle.get('manifest.json')!.toString('utf8'))).toMatchObject({
      exportId,
      incidentId,
      exportedBy: advocate.id,
      approvedBy: coordinator.id,
    });
    await requesting.page.waitForSelector(`[data-export-id="${exportId}"][data-export-status=downloaded]`);
    expect(await downloadButton.count()).toBe(0);
    expect(await requesting.page.textContent('#exports-notice')).toBe('Export downloaded.');
    await expectAccessible(requesting.page, 'evidence exports after the download');

    for (const person of [requesting, approving]) {
      expect(person.problems).toEqual([]);
      await person.context.close();
    }
  }, 120_000);

  it('an admin adds and removes hotline numbers; an invalid one shows the server refusal', async () => {
    const { context: browserContext, page, problems } = await newPerson(browser);
    await signInMember(page, server.url, admin);
    await page.click('nav a[href="#/admin/network"]');
    await page.waitForSelector('#hotline-title');
    await page.waitForSelector('text=No hotline number yet.');

    const add = async (typed: string) => {
      await page.fill('#hotline-number', typed);
      await page.click('#hotline-add');
    };
    // The first change asks for the admin's passkey: a sign-in code is not enough (ADR 0026).
    await page.fill('#hotline-number', '+1 (312) 555-0100');
    await clickWithStepUp(page, '#hotline-add', admin, page.locator('[data-hotline-number="+13125550100"]'));
    await expect.poll(() => page.textContent('#network-notice')).toBe('Hotline number added.');
    await add('+44 20 7946 0958');
    await page.waitForSelector('[data-hotline-number="+442079460958"]');

    // Not E.164: the server's validation error names the number, in the member's language.
    await add('312-555');
    await expect
      .poll(() => page.textContent('#hotline-error'))
      .toBe('312555 is not a number in international format (E.164), such as +13125550100.');
    await chooseLanguage(page, 'es');
    expect(await page.textContent('#hotline-error')).toBe(
      '312555 no es un número en formato internacional (E.164), por ejemplo +13125550100.',
    );
    await chooseLanguage(page, 'en');
    await add('+13125550100');
    await expect.poll(() => page.textContent('#hotline-error')).toBe('This number is already in the list.');
    // Another network's hotline number: 409 HOTLINE_NUMBER_TAKEN, said readably, naming no network.
    const other = await buildNetwork(world.factories, {
      name: 'Other Coalition',
      settings: { hotlineNumbers: ['+13125550199'] },
    });
    await add('+13125550199');
    await expect
      .poll(() => page.textContent('#hotline-error'))
      .toBe(
        "That number is already a hotline on this server. Check that you typed your own number; if it is yours, ask the server's operator.",
      );
    expect(await page.textContent('#hotline-error')).not.toContain(other.name);
    await chooseLanguage(page, 'es');
    expect(await page.textContent('#hotline-error')).toBe(
      'Ese número ya es una línea de este servidor. Revise que escribió su propio número; si es suyo, consulte a quien administra el servidor.',
    );
    await chooseLanguage(page, 'en');
    await expect.poll(() => page.locator('#hotline-list li').count()).toBe(2);
    for (const language of languages) {
      await chooseLanguage(page, language);
      await expectAccessible(page, `hotline numbers (${language})`);
      await screenshot(page, `admin-hotline-${language}`);
    }
    await chooseLanguage(page, 'en');

    await page.click('button[aria-label="Remove +13125550100"]');
    await expect.poll(() => page.textContent('#network-notice')).toBe('Hotline number removed.');
    await expect.poll(() => page.locator('#hotline-list li').count()).toBe(1);
    const readNumbers = async () =>
      (
        (await (await page.request.get(`${server.url}/api/network`)).json()) as {
          settings: { hotlineNumbers: string[] };
        }
      ).settings.hotlineNumbers;
    expect(await readNumbers()).toEqual(['+442079460958']);
    await page.click('button[aria-label="Remove +442079460958"]');
    await page.waitForSelector('text=No hotline number yet.');
    expect(await readNumbers()).toEqual([]);
    expect(problems).toEqual([]);
    await browserContext.close();
  }, 90_000);

  it('a session ended elsewhere sends the app back to sign-in with a notice', async () => {
    const here = await newPerson(browser);
    const elsewhere = await newPerson(browser);
    await signInMember(here.page, server.url, dispatcher);
    await here.page.waitForSelector('#queue-title');
    await signInMember(elsewhere.page, server.url, dispatcher);
    const ended = await callFromPage<{ endedCount: number }>(
      elsewhere.page,
      'POST',
      '/api/auth/sign-out-everywhere',
      {},
    );
    expect(ended.endedCount).toBe(2);

    // The next call this page makes answers 401: the sign-in screen, not that screen's error.
    await here.page.click('nav a[href="#/alerts"]');
    await here.page.waitForSelector('#sign-in-title');
    expect(await here.page.textContent('#session-ended')).toBe('Your session ended; sign in again.');
    expect(await here.page.locator('[role=alert]').count()).toBe(0);
    for (const language of languages) {
      await chooseLanguage(here.page, language);
      await expectAccessible(here.page, `session ended (${language})`);
      await screenshot(here.page, `session-ended-${language}`);
    }
    expect(await here.page.textContent('#session-ended')).toBe('انتهت جلستك؛ سجّل الدخول مرة أخرى.');
    await chooseLanguage(here.page, 'en');

    // Signing in again returns to the same screen, and the notice is gone.
    await here.page.fill('#field-email', dispatcher.email);
    await here.page.fill('#field-password', dispatcher.password!);
    await here.page.click('button[type=submit]');
    // Every member with a role has a second factor (ADR 0019): the authenticator code comes next.
    await here.page.fill('#field-code', await totpCode(dispatcher));
    await here.page.click('button[type=submit]');
    await here.page.waitForSelector('#alerts-title');
    expect(await here.page.locator('#session-ended').count()).toBe(0);

    for (const person of [here, elsewhere]) {
      expect(person.problems).toEqual([]);
      await person.context.close();
    }
  }, 90_000);
}
