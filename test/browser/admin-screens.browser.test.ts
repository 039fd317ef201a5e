import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countSmsSegments } from '../../server/modules/alerting/alerts/sms-segments.ts';
import type { DialectName } from '../../server/platform/database/database.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildMember, buildNetwork } from '../support/factories.ts';
import type { BuiltMember } from '../support/factories.ts';
import type { ServerProcess } from '../support/server-process.ts';
import {
  chooseLanguage,
  clickWithStepUp,
  expectAccessible,
  newPerson,
  screenshot,
  shouldRunBrowserTests,
  signInMember,
  startBrowserWorld,
} from './browser-support.ts';
import type { BrowserWorld } from './browser-support.ts';

const isEnabled = shouldRunBrowserTests();
const languages = ['en', 'es', 'ar'] as const;
interface StoredArea {
  name: string;
  kind: string;
  definition: {
    geojson?: { coordinates: number[][][] };
    zips?: string[];
    center?: { lat: number; lon: number };
    radiusMeters?: number;
  };
}

if (!isEnabled)
  describe.skip('admin screens in Chromium (Chromium not installed)', () =>
    it('runs the admin screens', () => undefined));
else describeEachDatabase('admin screens in Chromium', (dialect) => adminScreens(dialect));

function adminScreens(dialect: DialectName): void {
  let world: BrowserWorld;
  let server: ServerProcess;
  let browser: Browser;
  let admin: BuiltMember;
  let coordinator: BuiltMember;
  let secondCoordinator: BuiltMember;

  beforeAll(async () => {
    world = await startBrowserWorld(dialect);
    ({ server, browser } = world);
    const context = world.factories;
    const network = await buildNetwork(context, { languages: ['en', 'es'] });
    admin = await buildMember(context, {
      networkId: network.id,
      displayName: 'Ada Admin',
      roles: [{ role: 'admin' }],
      withTotp: true,
    });
    coordinator = await buildMember(context, {
      networkId: network.id,
      displayName: 'Carla Coordinator',
      roles: [{ role: 'coordinator' }],
      withTotp: true,
    });
    secondCoordinator = await buildMember(context, {
      networkId: network.id,
      displayName: 'Sam Second',
      roles: [{ role: 'coordinator' }],
      withTotp: true,
    });
  });

  afterAll(() => world?.stop());

  it('an admin draws, lists and audits areas, and sets languages and retention', async () => {
    const { context: browserContext, page, problems } = await newPerson(browser);
    await signInMember(page, server.url, admin);
    await page.click('nav a[href="#/admin/areas"]');
    await page.waitForSelector('#areas-title');
    const areaMap = page.locator('.area-map');

    // (a) A polygon drawn on the map (no tiles are configured: a blank map still takes clicks).
    await page.click('#area-new');
    await page.fill('#area-name', 'Pilsen drawn');
    for (const [x, y] of [
      [120, 100],
      [320, 110],
      [330, 300],
      [200, 340],
    ] as const) {
      await areaMap.click({ position: { x, y } });
    }
    await expect.poll(() => page.textContent('#polygon-status')).toContain('4 corners');
    await page.click('#polygon-undo');
    await expect.poll(() => page.textContent('#polygon-status')).toContain('3 corners');
    await areaMap.click({ position: { x: 140, y: 320 } });
    await page.click('#polygon-close');
    await expect.poll(() => page.textContent('#polygon-status')).toContain('Shape closed with 4 corners');
    expect((await page.inputValue('#polygon-vertices')).split('\n')).toHaveLength(4);
    await expectAccessible(page, 'area form (polygon)');
    await screenshot(page, 'admin-area-polygon-en');
    await page.click('#area-save');
    await page.waitForSelector('#area-list tr[data-area-kind=polygon]');

    // (b) A ZIP list, first with an unknown ZIP code: the server's code, translated (Spanish here).
    await chooseLanguage(page, 'es');
    await page.click('#area-new');
    await page.fill('#area-name', 'La Villita');
    await page.check('input[name=area-kind][value=zips]');
    await page.fill('#area-zips', '60623, 00000');
    await page.click('#area-save');
    await expect
      .poll(() => page.textContent('#area-error'))
      .toBe('Algunos códigos postales no se conocen. No encontrados: 00000.');
    await page.fill('#area-zips', '60623, 60608');
    await page.click('#area-save');
    await page.waitForSelector('#area-list tr[data-area-kind=zips]');
    await chooseLanguage(page, 'en');

    // (c) A point and a radius: a click places the centre, then exact figures are typed.
    await page.click('#area-new');
    await page.fill('#area-name', 'Courthouse radius');
    await page.check('input[name=area-kind][value=circle]');
    await areaMap.click({ position: { x: 200, y: 200 } });
    await expect.poll(() => page.inputValue('#circle-lat')).toMatch(/^4\d\.\d+/);
    await page.fill('#circle-lat', '41.8781');
    await page.fill('#circle-lon', '-87.6298');
    await page.fill('#circle-radius', '750');
    await page.click('#area-save');
    await page.waitForSelector('#area-list tr[data-area-kind=circle]');
    await expect.poll(() => page.locator('#area-list tbody tr').count()).toBe(3);

    const stored = (await (await page.request.get(`${server.url}/api/areas`)).json()) as {
      areas: StoredArea[];
    };
    const byName = new Map(stored.areas.map((area) => [area.name, area]));
    expect(byName.get('Pilsen drawn')?.kind).toBe('polygon');
    expect(byName.get('Pilsen drawn')?.definition.geojson?.coordinates[0]).toHaveLength(5);
    expect(byName.get('La Villita')?.definition.zips).toEqual(['60623', '60608']);
    expect(byName.get('Courthouse radius')?.definition).toEqual({
      center: { lat: 41.8781, lon: -87.6298 },
      radiusMeters: 750,
    });

    // Edit one (the form opens with its figures), delete another after a confirmation.
    await page.click('button[aria-label="Edit Courthouse radius"]');
    expect(await page.inputValue('#circle-radius')).toBe('750');
    await page.fill('#circle-radius', '900');
    await page.click('#area-save');
    await expect.poll(() => page.textContent('#area-list tr[data-area-kind=circle]')).toContain('900 m');
    await page.click('button[aria-label="Delete La Villita"]');
    await page.click('button:has-text("Yes, delete La Villita")');
    await expect.poll(() => page.locator('#area-list tbody tr').count()).toBe(2);
    await page.click('#area-new');
    await page.fill('#area-name', 'La Villita');
    await page.check('input[name=area-kind][value=zips]');
    await page.fill('#area-zips', '60623 60608');
    await page.click('#area-save');
    await expect.poll(() => page.locator('#area-list tbody tr').count()).toBe(3);

    for (const language of languages) {
      await chooseLanguage(page, language);
      await page.waitForSelector('#area-list tbody tr');
      await expectAccessible(page, `areas (${language})`);
      await screenshot(page, `admin-areas-${language}`);
    }
    await chooseLanguage(page, 'en');

    // Network settings: add Arabic, shorten the retention of report text.
    await page.click('nav a[href="#/admin/network"]');
    await page.waitForSelector('#network-title');
    await page.check('input[name=language][value=ar]');
    // The first settings change asks for the admin's passkey (a sign-in code is not enough).
    await clickWithStepUp(page, '#profile-save', admin, page.locator('#network-notice'));
    await expect.poll(() => page.textContent('#network-notice')).toBe('Settings saved.');
    await page.fill('#setting-reportTextRetentionDays', '400');
    await page.click('#retention button[type=submit]');
    await expect.poll(() => page.textContent('#retention [role=alert]')).toContain('from 1 to 365');
    await page.fill('#setting-reportTextRetentionDays', '14');
    await page.click('#retention button[type=submit]');
    // The form is remounted with the saved value once the server answered.
    await page.waitForSelector('#retention:not(:has([role=alert]))');
    const readProfile = async () =>
      (await (await page.request.get(`${server.url}/api/network`)).json()) as {
        languages: string[];
        settings: { reportTextRetentionDays: number };
      };
    await expect.poll(async () => (await readProfile()).settings.reportTextRetentionDays).toBe(14);
    expect((await readProfile()).languages).toEqual(['en', 'es', 'ar']);
    expect(await page.inputValue('#setting-reportTextRetentionDays')).toBe('14');
    for (const language of languages) {
      await chooseLanguage(page, language);
      await expectAccessible(page, `network settings (${language})`);
      await screenshot(page, `admin-network-${language}`);
    }
    // Messages already on the screen follow the language too.
    expect(await page.textContent('#network-notice')).toBe('حُفظت الإعدادات.');
    await chooseLanguage(page, 'en');

    // The audit log lists those changes, and the chain verifies.
    await page.click('nav a[href="#/admin/audit"]');
    await page.waitForSelector('#audit-list tbody tr');
    await page.selectOption('#audit-action', 'area.created');
    await page.click('#audit-apply');
    await expect.poll(() => page.locator('#audit-list tbody tr[data-action="area.created"]').count()).toBe(4);
    await expect.poll(() => page.locator('#audit-list tbody tr').count()).toBe(4);
    await expect.poll(() => page.textContent('#audit-list tbody')).toContain('Ada Admin');
    await page.selectOption('#audit-action', '');
    await page.selectOption('#audit-limit', '25');
    await page.click('#audit-apply');
    await expect.poll(() => page.locator('#audit-list tbody tr[data-action="area.updated"]').count()).toBe(1);
    await expect.poll(() => page.locator('#audit-list tbody tr[data-action="area.deleted"]').count()).toBe(1);
    await page.click('#audit-apply');
    await expect
      .poll(() => page.locator('#audit-list tbody tr[data-action="network.updated"]').count())
      .toBe(2);
    // Paging: ten entries, then the older rest, then back.
    await page.selectOption('#audit-limit', '10');
    await page.click('#audit-apply');
    await expect.poll(() => page.locator('#audit-list tbody tr').count()).toBe(10);
    const newestSeq = await page.textContent('#audit-list tbody tr:first-child td:first-child');
    await page.click('#audit-older');
    await expect
      .poll(async () => Number(await page.textContent('#audit-list tbody tr:first-child td:first-child')))
      .toBe(Number(newestSeq) - 10);
    expect(await page.textContent('#audit-list caption')).toContain('Page 2');
    await page.click('#audit-newer');
    await expect.poll(() => page.textContent('#audit-list caption')).toContain('Page 1');
    await page.click('#audit-verify');
    await expect.poll(() => page.textContent('#audit-verification')).toContain('The chain is intact.');
    for (const language of languages) {
      await chooseLanguage(page, language);
      await expectAccessible(page, `audit log (${language})`);
      await screenshot(page, `admin-audit-${language}`);
    }
    expect(problems).toEqual([]);
    await browserContext.close();
  }, 120_000);

  it('a coordinator proposes a template change, sees its SMS segments live, and a second coordinator approves it', async () => {
    const { context: browserContext, page, problems } = await newPerson(browser);
    await signInMember(page, server.url, coordinator);
    // Coordinators reach templates, not the admin-only screens.
    expect(await page.locator('nav a[href="#/admin/areas"]').count()).toBe(0);
    await page.click('nav a[href="#/admin/templates"]');
    await page.waitForSelector('#templates-title');
    await page.selectOption('#template-language', 'es');
    await page.click('button[data-template-key=update]');
    await page.waitForSelector('#template-segments');

    // An unknown placeholder: the server's code, translated, before anything is saved.
    await page.fill('#template-body', 'Actualización sobre {place}: {nombre}');
    await expect
      .poll(() => page.textContent('#template-problem'))
      .toBe('The text is not valid: check the braces and use only the placeholders listed.');

    // The count follows the text as it is typed, and matches the SMS the server would send.
    const segmentsOf = async (text: string, marker: string) => {
      await page.fill('#template-body', text);
      await expect.poll(() => page.textContent('#template-preview .sms')).toContain(marker);
      const shown = Number(await page.getAttribute('#template-segments', 'data-segments'));
      expect(shown).toBe(countSmsSegments((await page.textContent('#template-preview .sms'))!).segments);
      return shown;
    };
    const short = await segmentsOf('Actualización cerca de {place}.', 'cerca de el código postal 60608.');
    const body = 'Actualización cerca de {place} ({time}). {details} ' + 'Mantenga la calma. '.repeat(8);
    const long = await segmentsOf(body, 'Mantenga la calma. Mantenga');
    expect(long).toBeGreaterThan(short);
    // Saving proposes the change; it takes effect when a second coordinator approves it.
    await page.click('#template-save');
    await expect
      .poll(() => page.textContent('[role=status]'))
      .toBe('Change proposed. It takes effect when a second coordinator approves it.');
    type Listed = { templates: { key: string; language: string; body: string; isDefault: boolean }[] };
    const spanishUpdate = async () =>
      ((await (await page.request.get(`${server.url}/api/alert-templates`)).json()) as Listed).templates.find(
        (entry) => entry.key === 'update' && entry.language === 'es',
      );
    expect(await spanishUpdate()).toMatchObject({ isDefault: true });

    // The second coordinator opens it from the list of waiting changes, reads the diff and
    // approves with a fresh authenticator code.
    const second = await newPerson(browser);
    await signInMember(second.page, server.url, secondCoordinator);
    await second.page.goto(`${server.url}/app/#/admin/templates`);
    await second.page.click('#template-proposals a');
    await second.page.waitForSelector('#approve-proposal');
    expect(await second.page.textContent('[data-text=proposed]')).toBe(body.trim());
    await second.page.click('#approve-proposal');
    const approved = second.page.locator('[data-proposal-state=approved]');
    await clickWithStepUp(second.page, '#confirm-approve-proposal', secondCoordinator, approved);
    expect(second.problems).toEqual([]);
    await second.context.close();
    expect(await spanishUpdate()).toMatchObject({ body: body.trim(), isDefault: false });
    await page.reload();
    await page.waitForSelector('#templates-title');
    await page.selectOption('#template-language', 'es');
    await page.waitForSelector('button[data-template-key=update] .badge');
    for (const language of languages) {
      await chooseLanguage(page, language);
      await expectAccessible(page, `templates (${language})`);
      await screenshot(page, `admin-templates-${language}`);
    }
    expect(problems).toEqual([]);
    await browserContext.close();
  }, 90_000);
}
