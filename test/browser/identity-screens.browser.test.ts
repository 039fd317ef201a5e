import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle, DialectName } from '../../server/platform/database/database.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildArea, buildMember, buildNetwork } from '../support/factories.ts';
import type { BuiltMember } from '../support/factories.ts';
import {
  expectAccessible,
  addPasskeyToBrowser,
  addVirtualAuthenticator,
  clickWithStepUp,
  chooseLanguage,
  freePort,
  newPerson,
  screenshot,
  shouldRunBrowserTests,
  startBrowserWorld,
  totpCode,
} from './browser-support.ts';
import type { BrowserWorld } from './browser-support.ts';

const isEnabled = shouldRunBrowserTests();
async function signInWithPassword(
  page: Page,
  appUrl: string,
  email: string,
  password: string,
  totp?: string,
) {
  await page.goto(appUrl);
  await page.fill('#field-email', email);
  await page.fill('#field-password', password);
  await page.click('button[type=submit]');
  if (totp) {
    await page.waitForSelector('#field-code');
    await page.fill('#field-code', await totpCode({ totpSecret: totp }));
    await page.click('button[type=submit]');
  }
  await page.waitForSelector('button:has-text("Sign out")');
}

if (!isEnabled)
  describe.skip('identity screens in Chromium (Chromium not installed)', () =>
    it('runs the identity flows', () => undefined));
else describeEachDatabase('identity screens in Chromium', (dialect) => identityScreens(dialect));

function identityScreens(dialect: DialectName): void {
  let world: BrowserWorld;
  let database: DatabaseHandle;
  let browser: Browser;
  let baseUrl = '';
  let areaId = '';
  let admin: BuiltMember;
  let rosa: BuiltMember;
  let cora: BuiltMember;
  let ana: BuiltMember;
  let lina: BuiltMember;
  const opened: BrowserContext[] = [];

  beforeAll(async () => {
    const port = await freePort();
    baseUrl = `http://localhost:${port}`;
    world = await startBrowserWorld(dialect, { PORT: String(port), AMPARO_PUBLIC_URL: baseUrl });
    ({ database, browser } = world);
    const context = world.factories;
    const network = await buildNetwork(context, { languages: ['en', 'es'] });
    areaId = (
      await buildArea(context, network.id, { name: 'Pilsen', center: { lat: 41.8564, lon: -87.6604 } })
    ).id;
    const member = (displayName: string, role: 'admin' | 'coordinator' | 'responder', withTotp: boolean) =>
      buildMember(context, { networkId: network.id, displayName, roles: [{ role }], withTotp });
    admin = await member('Ada Admin', 'admin', true);
    rosa = await member('Rosa Responder', 'responder', false);
    cora = await member('Cora Coordinator', 'coordinator', true);
    // Ana adds her first passkey on screen (the others get one from the factory, ADR 0026).
    ana = await buildMember(context, {
      networkId: network.id,
      displayName: 'Ana Approver',
      roles: [{ role: 'coordinator' }],
      withTotp: true,
      withPasskey: false,
    });
    lina = await buildMember(context, {
      networkId: network.id,
      displayName: 'Lina Local',
      roles: [{ role: 'coordinator', areaId }],
      withTotp: true,
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

  it('passkeys, step-up, member administration, invitations and sessions', async () => {
    const appUrl = `${baseUrl}/app/`;
    const desk = await person();
    await desk.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
    await addVirtualAuthenticator(desk.page);

    // The admin signs in with password and code, then adds a passkey on the account screen.
    await signInWithPassword(desk.page, appUrl, admin.email, admin.password!, admin.totpSecret!);
    await desk.page.click('a[href="#/account"]');
    await desk.page.waitForSelector('#account-title');
    // Admins hold a passkey already (the factory's, on another device); this adds one here.
    await expect.poll(() => desk.page.locator('#passkey-list li').count()).toBe(1);
    await expectAccessible(desk.page, 'account');
    await desk.page.click('#add-passkey');
    await desk.page.waitForSelector('text=Passkey added.');
    await expect.poll(() => desk.page.locator('#passkey-list li').count()).toBe(2);
    await screenshot(desk.page, 'account-en');

    // Signed out, the admin signs in with the passkey alone: no email, no password.
    await desk.page.click('button:has-text("Sign out")');
    await desk.page.waitForSelector('#sign-in-passkey');
    await screenshot(desk.page, 'sign-in-passkey-en');
    await desk.page.click('#sign-in-passkey');
    await desk.page.waitForSelector('button:has-text("Sign out")');

    // Minutes later the step-up window is over: changing roles asks for the passkey again.
    await database.db
      .updateTable('sessions')
      .set({ second_factor_at: Date.now() - 10 * 60_000 })
      .where('member_id', '=', admin.id)
      .execute();
    await desk.page.goto(`${appUrl}#/members`);
    await desk.page.waitForSelector('text=Rosa Responder');
    await expectAccessible(desk.page, 'members');
    await desk.page.click('button[aria-label="Manage Rosa Responder"]');
    await desk.page.waitForSelector('#member-manage-title');
    await desk.page.selectOption('#member-area-0', areaId);
    await desk.page.click('#member-add-grant');
    await desk.page.selectOption('#member-role-1', 'dispatcher');
    await expectAccessible(desk.page, 'member management');
    await desk.page.click('#save-roles');
    await desk.page.waitForSelector('#step-up-passkey');
    await expectAccessible(desk.page, 'step-up dialog');
    await screenshot(desk.page, 'step-up-en');
    await desk.page.click('#step-up-passkey');
    await desk.page.waitForSelector('text=Roles of Rosa Responder saved.');
    const rosaRow = desk.page.locator(`tr[data-member-id="${rosa.id}"]`);
    await expect.poll(() => rosaRow.textContent()).toContain('Responder in Pilsen');
    await expect.poll(() => rosaRow.textContent()).toContain('Dispatcher');
    const grants = await database.db
      .selectFrom('member_roles')
      .select(['role', 'area_id'])
      .where('member_id', '=', rosa.id)
      .orderBy('role')
      .execute();
    expect(grants).toEqual([
      { role: 'dispatcher', area_id: null },
      { role: 'responder', area_id: areaId },
    ]);
    await screenshot(desk.page, 'members-manage-en');

    // Rosa is signed in elsewhere; the admin ends her sessions and her next request is refused.
    const field = await person();
    await signInWithPassword(field.page, appUrl, rosa.email, rosa.password!);
    await desk.page.click('#end-member-sessions');
    await desk.page.waitForSelector('text=Ended 1 session of Rosa Responder.');
    expect((await field.page.request.get(`${baseUrl}/api/auth/session`)).status()).toBe(401);
    await field.page.reload();
    await field.page.waitForSelector('#sign-in-title');

    // A recovery link for Rosa works at once; one for a coordinator waits for a second approver.
    await desk.page.click('#create-recovery-link');
    await desk.page.waitForSelector('#recovery-ready');
    expect(await desk.page.inputValue('#recovery-link-url')).toMatch(
      new RegExp(`^${baseUrl}/recover/[A-Za-z0-9_-]{43}$`),
    );
    await desk.page.click('button[aria-label="Manage Cora Coordinator"]');
    await desk.page.click('#create-recovery-link');
    await desk.page.waitForSelector('#recovery-needs-approval');
    await expectAccessible(desk.page, 'recovery link');
    await screenshot(desk.page, 'recovery-link-en');
    const approvalUrl = await desk.page.getAttribute('#recovery-needs-approval a', 'href');
    expect(approvalUrl).toContain(`#/recovery/${cora.id}/`);
    const approving = await person();
    // A second coordinator approves it with her passkey (a code is not enough, ADR 0026).
    await signInWithPassword(approving.page, appUrl, lina.email, lina.password!, lina.totpSecret!);
    await approving.page.goto(approvalUrl!);
    await approving.page.waitForSelector('text=A recovery link was made for Cora Coordinator.');
    await expectAccessible(approving.page, 'recovery approval');
    await clickWithStepUp(
      approving.page,
      '#approve-recovery-link',
      lina,
      approving.page.locator('#recovery-approved'),
    );
    await screenshot(approving.page, 'recovery-approval-en');

    // An invitation: roles limited to an area, the link shown once, opened in another browser.
    await desk.page.click('a[href="#/invitations"]');
    await desk.page.waitForSelector('#invitations-title');
    await desk.page.selectOption('#invite-area-0', areaId);
    await expectAccessible(desk.page, 'invitations');
    await desk.page.click('#create-invitation');
    const link = await desk.page.inputValue('#invitation-link-url');
    expect(link).toMatch(new RegExp(`^${baseUrl}/join/[A-Za-z0-9_-]{43}$`));
    await desk.page.click('#invitation-link button:has-text("Copy")');
    await desk.page.waitForSelector('#invitation-link [role=status]:has-text("Copied.")');
    expect(await desk.page.evaluate(() => navigator.clipboard.readText())).toBe(link);
    await expect.poll(() => desk.page.locator('.invitation-list li').count()).toBe(1);
    await screenshot(desk.page, 'invitations-en');

    // A second invitation is revoked: it leaves the pending list, and the first one stays.
    const firstId = await desk.page.getAttribute('.invitation-list li', 'data-invitation-id');
    await desk.page.click('button:has-text("Invite someone else")');
    await desk.page.click('#create-invitation');
    await desk.page.waitForSelector('#invitation-link-url');
    await expect.poll(() => desk.page.locator('.invitation-list li').count()).toBe(2);
    await desk.page.click(`.invitation-list li:not([data-invitation-id="${firstId}"]) button`);
    await desk.page.waitForSelector('text=Invitation revoked');
    await expect.poll(() => desk.page.locator('.invitation-list li').count()).toBe(1);
    expect(await desk.page.getAttribute('.invitation-list li', 'data-invitation-id')).toBe(firstId);

    const newcomer = await person();
    await newcomer.page.goto(link);
    await newcomer.page.fill('input[name=displayName]', 'Nina Newcomer');
    await newcomer.page.fill('input[name=email]', 'nina@example.test');
    await newcomer.page.fill('input[name=password]', 'a long enough passphrase');
    await newcomer.page.click('button[type=submit]');
    await newcomer.page.waitForLoadState('load');
    // Before any screen, even their account page, the newcomer must set up a second factor.
    await newcomer.page.goto(`${appUrl}#/account`);
    await newcomer.page.waitForSelector('#enrolment-required');

    // The newcomer sets up an authenticator app from the QR code shown as an image.
    await newcomer.page.click('#enroll-totp');
    await newcomer.page.waitForSelector('img.qr');
    expect(await newcomer.page.getAttribute('img.qr', 'src')).toMatch(/^data:image\/svg\+xml/);
    const secret = (await newcomer.page.textContent('#totp-secret'))!;
    await expectAccessible(newcomer.page, 'authenticator enrollment');
    await screenshot(newcomer.page, 'totp-enroll-en');
    await newcomer.page.fill('#totp-confirm-code', await totpCode({ totpSecret: secret }));
    await newcomer.page.click('button:has-text("Confirm and turn on")');
    await newcomer.page.waitForSelector('#enrolment-required', { state: 'detached' });
    await newcomer.page.goto(`${appUrl}#/account`);
    await newcomer.page.waitForSelector('#remove-totp');

    // Signed in on a second browser too; "sign out everywhere" there ends the first one as well.
    const second = await person();
    await signInWithPassword(second.page, appUrl, 'nina@example.test', 'a long enough passphrase', secret);
    await second.page.goto(`${appUrl}#/sessions`);
    await expect.poll(() => second.page.locator('#session-list tbody tr').count()).toBe(2);
    await expect.poll(() => second.page.locator('tr[data-current=true]').count()).toBe(1);
    await expectAccessible(second.page, 'sessions');
    await screenshot(second.page, 'sessions-en');
    await second.page.click('#sign-out-everywhere');
    await second.page.click('#confirm-sign-out-everywhere');
    await second.page.waitForSelector('#sign-in-title');
    expect((await newcomer.page.request.get(`${baseUrl}/api/auth/session`)).status()).toBe(401);
    await newcomer.page.reload();
    await newcomer.page.waitForSelector('#sign-in-title');

    // The newcomer joined as a probationary responder in Pilsen; the admin removes Rosa.
    await desk.page.click('a[href="#/members"]');
    await desk.page.waitForSelector('text=Nina Newcomer');
    const ninaRow = desk.page.locator('tr:has-text("Nina Newcomer")');
    await expect.poll(() => ninaRow.textContent()).toContain('Probationary');
    await expect.poll(() => ninaRow.textContent()).toContain('Responder in Pilsen');
    await desk.page.click('button[aria-label="Manage Rosa Responder"]');
    await desk.page.click('#remove-member');
    await desk.page.click('#confirm-remove-member');
    await desk.page.waitForSelector('text=Rosa Responder was removed.');
    await expect.poll(() => rosaRow.count()).toBe(0);

    // The passkey also works as the second step after the password.
    await desk.page.click('button:has-text("Sign out")');
    await desk.page.fill('#field-email', admin.email);
    await desk.page.fill('#field-password', admin.password!);
    await desk.page.click('button[type=submit]');
    await desk.page.waitForSelector('#sign-in-passkey:has-text("Use your passkey")');
    await expectAccessible(desk.page, 'second sign-in step');
    await desk.page.click('#sign-in-passkey');
    await desk.page.waitForSelector('button:has-text("Sign out")');

    for (const someone of [desk, field, approving, newcomer, second]) expect(someone.problems).toEqual([]);
  }, 120_000);

  it('shows the identity screens in Spanish and in right-to-left Arabic', async () => {
    const appUrl = `${baseUrl}/app/`;
    const viewer = await person();
    await signInWithPassword(viewer.page, appUrl, admin.email, admin.password!, admin.totpSecret!);
    for (const language of ['es', 'ar'] as const) {
      await chooseLanguage(viewer.page, language);
      expect(await viewer.page.evaluate(() => document.documentElement.dir)).toBe(
        language === 'ar' ? 'rtl' : 'ltr',
      );
      const screens: [string, string][] = [
        ['account', '#account-title'],
        ['sessions', '#session-list'],
        ['invitations', '#pending-invitations-title ~ .empty'],
        ['members', `tr[data-member-id="${cora.id}"]`],
      ];
      for (const [screen, ready] of screens) {
        await viewer.page.goto(`${appUrl}#/${screen}`);
        await viewer.page.waitForSelector(ready);
        if (screen === 'members') {
          await viewer.page.click(`tr[data-member-id="${cora.id}"] button[aria-expanded]`);
          await viewer.page.waitForSelector('#member-manage');
        }
        await expectAccessible(viewer.page, `${screen} (${language})`);
        await screenshot(viewer.page, `${screen}-${language}`);
      }
      // The step-up dialog, in this language.
      await database.db
        .updateTable('sessions')
        .set({ second_factor_at: Date.now() - 10 * 60_000 })
        .where('member_id', '=', admin.id)
        .execute();
      await viewer.page.click('#save-roles');
      await viewer.page.waitForSelector('#step-up-code');
      await expectAccessible(viewer.page, `step-up dialog (${language})`);
      await screenshot(viewer.page, `step-up-${language}`);
      if (language === 'es') {
        // Cancelled: nothing changes.
        await viewer.page.keyboard.press('Escape');
        await viewer.page.waitForSelector('#step-up-code', { state: 'detached' });
      } else {
        // An authenticator code is not enough to change roles: the dialog asks for the passkey
        // only, and with it the change goes through (ADR 0026).
        await viewer.page.fill('#step-up-code', await totpCode({ totpSecret: admin.totpSecret! }));
        await viewer.page.click('.step-up-dialog button[type=submit]');
        await viewer.page.waitForSelector('#step-up-code', { state: 'detached' });
        await viewer.page.waitForSelector('dialog.step-up-dialog #step-up-passkey');
        await expectAccessible(viewer.page, `passkey-only step-up (${language})`);
        await addPasskeyToBrowser(viewer.page, admin);
        await viewer.page.click('#step-up-passkey');
        await viewer.page.waitForSelector('dialog.step-up-dialog', { state: 'detached' });
        await expect
          .poll(() => viewer.page.textContent('#members-title ~ .notice'))
          .toContain('Cora Coordinator');
      }
    }
    await viewer.page.click('.top-actions button:last-child');
    await viewer.page.waitForSelector('#sign-in-passkey');
    await expectAccessible(viewer.page, 'sign-in (ar)');
    await screenshot(viewer.page, 'sign-in-passkey-ar');
    await chooseLanguage(viewer.page, 'es');
    await screenshot(viewer.page, 'sign-in-passkey-es');
    expect(viewer.problems).toEqual([]);
  }, 90_000);

  it('limits a coordinator to their areas and removes factors with a fresh step-up', async () => {
    const appUrl = `${baseUrl}/app/`;
    const local = await person();
    await signInWithPassword(local.page, appUrl, lina.email, lina.password!, lina.totpSecret!);
    await local.page.goto(`${appUrl}#/invitations`);
    await local.page.waitForSelector('#invite-area-0');
    // A coordinator limited to Pilsen grants field roles in Pilsen only.
    await expect
      .poll(() => local.page.locator('#invite-area-0 option').allTextContents())
      .toEqual(['Pilsen']);
    expect(await local.page.locator('#invite-role-0 option').count()).toBe(5);
    await local.page.click('#create-invitation');
    await local.page.waitForSelector('#invitation-link-url');
    await expect.poll(() => local.page.textContent('.invitation-list')).toContain('Responder in Pilsen');

    // Ana adds a passkey and removes it again (fresh step-up from her sign-in: no dialog).
    const owner = await person();
    await addVirtualAuthenticator(owner.page);
    await signInWithPassword(owner.page, appUrl, ana.email, ana.password!, ana.totpSecret!);
    await owner.page.goto(`${appUrl}#/account`);
    await owner.page.waitForSelector('text=You have no passkey yet.');
    await owner.page.click('#add-passkey');
    await owner.page.waitForSelector('#passkey-list');
    await owner.page.click('#passkey-list button.passkey-remove');
    await owner.page.waitForSelector('text=Passkey removed.');
    await owner.page.waitForSelector('text=You have no passkey yet.');
    // Later, removing the authenticator app asks for a code again (no passkey left to use).
    await database.db
      .updateTable('sessions')
      .set({ second_factor_at: Date.now() - 10 * 60_000 })
      .where('member_id', '=', ana.id)
      .execute();
    await owner.page.click('#remove-totp');
    await owner.page.waitForSelector('#step-up-code');
    expect(await owner.page.locator('#step-up-passkey').count()).toBe(0);
    await owner.page.fill('#step-up-code', await totpCode({ totpSecret: ana.totpSecret! }));
    await owner.page.click('.step-up-dialog button[type=submit]');
    await owner.page.waitForSelector('text=Authenticator app removed.');
    await owner.page.waitForSelector('#enroll-totp');
    const factors = await database.db
      .selectFrom('totp_credentials')
      .select('member_id')
      .where('member_id', '=', ana.id)
      .execute();
    expect(factors).toEqual([]);
    for (const someone of [local, owner]) expect(someone.problems).toEqual([]);
  }, 60_000);
}
