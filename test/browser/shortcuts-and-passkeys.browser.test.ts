import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle, DialectName } from '../../server/platform/database/database.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildArea, buildMember, buildNetwork } from '../support/factories.ts';
import type { BuiltMember, FactoryContext } from '../support/factories.ts';
import {
  addVirtualAuthenticator,
  chooseLanguage,
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
const pilsen = { lat: 41.8564, lon: -87.6604 };

if (!isEnabled)
  describe.skip('passkey names and incident shortcuts in Chromium (Chromium not installed)', () =>
    it('names passkeys and opens merge and split from the keyboard', () => undefined));
else
  describeEachDatabase('passkey names and incident shortcuts in Chromium', (dialect) =>
    shortcutsAndPasskeys(dialect),
  );

function shortcutsAndPasskeys(dialect: DialectName): void {
  let world: BrowserWorld;
  let database: DatabaseHandle;
  let factories: FactoryContext;
  let browser: Browser;
  let baseUrl = '';
  let owner: BuiltMember;
  let desk: BuiltMember;
  const opened: BrowserContext[] = [];

  beforeAll(async () => {
    // WebAuthn needs a domain as relying party id: the app runs on localhost.
    const port = await freePort();
    baseUrl = `http://localhost:${port}`;
    world = await startBrowserWorld(dialect, { PORT: String(port), AMPARO_PUBLIC_URL: baseUrl });
    ({ database, browser, factories } = world);
    const network = await buildNetwork(factories, { languages: ['en', 'es', 'ar'] });
    await buildArea(factories, network.id, { name: 'Pilsen', center: pilsen });
    owner = await buildMember(factories, {
      networkId: network.id,
      displayName: 'Cora Coordinator',
      roles: [{ role: 'coordinator' }],
      withTotp: true,
      // She registers her first passkey on screen.
      withPasskey: false,
    });
    desk = await buildMember(factories, {
      networkId: network.id,
      displayName: 'Dana Dispatcher',
      roles: [{ role: 'dispatcher' }],
    });
  });

  afterAll(async () => {
    for (const context of opened) await context.close().catch(() => undefined);
    await world?.stop();
  });

  async function person() {
    const created = await newPerson(browser);
    opened.push(created.context);
    return created;
  }

  const passkeyRow = (page: Page) => page.locator('#passkey-list li');

  it('adds a passkey under a suggested, editable name, renames it, and lists its dates', async () => {
    const { page, problems } = await person();
    await addVirtualAuthenticator(page);
    await signInMember(page, baseUrl, owner);
    await page.goto(`${baseUrl}/app/#/account`);
    await page.waitForSelector('text=You have no passkey yet.');

    // The suggestion names this browser and platform; the member types their own name instead.
    expect(await page.inputValue('#passkey-name')).toMatch(/^(Chromium|Chrome) on Linux$/);
    await expectAccessible(page, 'account with a passkey name');
    await page.fill('#passkey-name', '  Front desk laptop ');
    await page.click('#add-passkey');
    await page.waitForSelector('text=Passkey added.');
    await expect.poll(() => passkeyRow(page).count()).toBe(1);
    expect(await passkeyRow(page).locator('.passkey-name').textContent()).toBe('Front desk laptop');
    // The field offers the suggestion again, for the next passkey.
    expect(await page.inputValue('#passkey-name')).toMatch(/ on Linux$/);
    expect(await passkeyRow(page).textContent()).toContain('not used yet');
    expect(await passkeyRow(page).textContent()).toMatch(/added \S/);

    // Stored encrypted: the column holds an envelope that opens to the name.
    const stored = await database.db
      .selectFrom('webauthn_credentials')
      .select(['id', 'name_enc'])
      .where('member_id', '=', owner.id)
      .executeTakeFirstOrThrow();
    expect(stored.name_enc).not.toContain('Front desk');
    expect(factories.crypto.decrypt(stored.name_enc!, 'webauthn_credentials.name')).toBe('Front desk laptop');

    // Renamed: the field opens with the current name and has the focus.
    await page.click('button[aria-label="Rename the passkey Front desk laptop"]');
    const field = page.locator(`#passkey-rename-${stored.id}`);
    await expect.poll(() => field.evaluate((input) => input === document.activeElement)).toBe(true);
    expect(await field.inputValue()).toBe('Front desk laptop');
    await expectAccessible(page, 'renaming a passkey');
    // Only spaces: the form does not send it. A tab (pasted, say): the server refuses it.
    await field.fill('   ');
    await page.click('button:has-text("Save the name")');
    expect(await field.evaluate((input) => (input as HTMLInputElement).validity.patternMismatch)).toBe(true);
    await field.fill('Front\tdesk');
    await page.click('button:has-text("Save the name")');
    await page.waitForSelector('.account .notice:has-text("not valid")');
    expect(await passkeyRow(page).getAttribute('data-passkey-id')).toBe(stored.id);
    await field.fill('Cora’s work laptop');
    await page.click('button:has-text("Save the name")');
    await page.waitForSelector('text=Passkey renamed.');
    await expect
      .poll(() => passkeyRow(page).locator('.passkey-name').textContent())
      .toBe('Cora’s work laptop');
    await screenshot(page, 'account-passkey-named-en');

    // Signed out, then in again with the passkey: the list shows when it was last used.
    await page.click('button:has-text("Sign out")');
    await page.click('#sign-in-passkey');
    await page.waitForSelector('button:has-text("Sign out")');
    await page.goto(`${baseUrl}/app/#/account`);
    await expect.poll(() => passkeyRow(page).textContent()).toContain('last used');
    expect(await passkeyRow(page).textContent()).toContain('Cora’s work laptop');

    // In Spanish and in right-to-left Arabic, the member's own name is shown as they wrote it.
    const renameLabels = {
      es: 'Cambiar el nombre de la llave de acceso Cora’s work laptop',
      ar: 'إعادة تسمية مفتاح المرور Cora’s work laptop',
    };
    for (const language of ['es', 'ar'] as const) {
      await chooseLanguage(page, language);
      await page.waitForSelector(`button[aria-label="${renameLabels[language]}"]`);
      await expectAccessible(page, `account with a named passkey (${language})`);
    }
    await screenshot(page, 'account-passkey-named-ar');
    expect(problems).toEqual([]);
  }, 90_000);

  it('opens merge with "m" and the split confirmation with "s", never while typing', async () => {
    const { page, problems } = await person();
    await signInMember(page, baseUrl, desk);
    const report = async (location: { lat: number; lon: number }, category: string, description: string) => ({
      incidentId: await operatorReport(page, location, description, category),
    });
    const incidentId = (await report(pilsen, 'workplace', 'Agents at the loading dock')).incidentId;
    await report(pilsen, 'workplace', 'Vans at the loading dock');
    const elsewhere = await report(
      { lat: pilsen.lat + 0.027, lon: pilsen.lon },
      'street_stop',
      'Stop on Ashland',
    );
    expect(elsewhere.incidentId).not.toBe(incidentId);
    await page.goto(`${baseUrl}/app/#/incident/${incidentId}`);
    await expect.poll(() => page.locator('.timeline li').count()).toBe(2);
    const mergePanel = page.locator('details.merge-panel');

    // Typed into the note, "m" and "s" are letters.
    await page.click('#field-note');
    await page.keyboard.type('ms');
    expect(await page.inputValue('#field-note')).toBe('ms');
    expect(await mergePanel.evaluate((details) => (details as HTMLDetailsElement).open)).toBe(false);
    await page.fill('#field-note', '');
    await page.locator('#field-note').evaluate((note) => (note as HTMLTextAreaElement).blur());

    // "m" opens the merge choices, focused on the panel; the member chooses and confirms as usual.
    await page.keyboard.press('m');
    await page.waitForSelector('details.merge-panel[open]');
    await page.waitForSelector('#merge-summary:focus');
    await page.check(`[data-merge-candidate="${elsewhere.incidentId}"]`);
    await page.click('#merge-start');
    await page.click('#confirm-merge');
    await expect.poll(() => page.locator('.timeline li').count()).toBe(3);

    // "s" with a report ticked (the checkbox has the focus) asks to split it out.
    const ashland = page.locator('.timeline li', { hasText: 'Stop on Ashland' });
    await ashland.locator('input[type=checkbox]').check();
    await page.keyboard.press('s');
    await page.waitForSelector('#confirm-split:focus');
    await expectAccessible(page, 'split confirmation from the keyboard');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#split-done a');
    await expect.poll(() => page.locator('.timeline li').count()).toBe(2);

    // The help lists both, in every language.
    const expected = {
      en: ['Merge another incident into this one', 'Split the selected reports out'],
      es: ['Fusionar otro incidente con este', 'Separar los reportes seleccionados'],
      ar: ['دمج حادثة أخرى في هذه الحادثة', 'فصل البلاغات المحددة'],
    };
    for (const language of ['en', 'es', 'ar'] as const) {
      await chooseLanguage(page, language);
      // Out of the language menu: a key pressed in a form control is never a shortcut.
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.keyboard.press('?');
      const help = page.locator('.shortcuts');
      await help.waitFor();
      const listed = await help.evaluate((list) =>
        Object.fromEntries(
          [...list.querySelectorAll('dt')].map((term) => [
            term.textContent,
            term.nextElementSibling?.textContent,
          ]),
        ),
      );
      const [merge, split] = expected[language];
      expect(listed.m).toContain(merge);
      expect(listed.s).toContain(split);
      if (language === 'ar') await expectAccessible(page, 'shortcut help (ar)');
      await screenshot(page, `shortcut-help-${language}`);
      await page.click('.overlay .panel > button');
      await help.waitFor({ state: 'detached' });
    }
    expect(problems).toEqual([]);
  }, 90_000);
}
