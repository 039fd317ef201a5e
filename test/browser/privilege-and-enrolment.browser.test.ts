import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DialectName } from '../../server/platform/database/database.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildMember, buildNetwork } from '../support/factories.ts';
import type { BuiltMember } from '../support/factories.ts';
import type { ServerProcess } from '../support/server-process.ts';
import {
  clickWithStepUp,
  expectAccessible,
  newPerson,
  shouldRunBrowserTests,
  signInMember,
  signInThroughTheApp,
  startBrowserWorld,
  totpCode,
} from './browser-support.ts';
import type { BrowserWorld } from './browser-support.ts';

const isEnabled = shouldRunBrowserTests();

if (!isEnabled)
  describe.skip('privilege and enrolment in Chromium (Chromium not installed)', () =>
    it('approves a coordinator grant on screen; enrols a factor before the dashboard', () => undefined));
else describeEachDatabase('privilege and enrolment in Chromium', (dialect) => privilegeAndEnrolment(dialect));

function privilegeAndEnrolment(dialect: DialectName): void {
  let world: BrowserWorld;
  let server: ServerProcess;
  let browser: Browser;
  let firstAdmin: BuiltMember;
  let secondAdmin: BuiltMember;
  let rosa: BuiltMember;
  let newcomer: BuiltMember;

  beforeAll(async () => {
    world = await startBrowserWorld(dialect);
    ({ server, browser } = world);
    const context = world.factories;
    const network = await buildNetwork(context, { languages: ['en', 'es', 'ar'] });
    const build = (displayName: string, role: 'admin' | 'responder' | 'dispatcher', withTotp: boolean) =>
      buildMember(context, { networkId: network.id, displayName, roles: [{ role }], withTotp });
    firstAdmin = await build('Ada Admin', 'admin', true);
    secondAdmin = await build('Berta Admin', 'admin', true);
    rosa = await build('Rosa Responder', 'responder', true);
    newcomer = await build('Nico Newcomer', 'dispatcher', false);
  });

  afterAll(async () => {
    await world?.stop();
  });

  const coordinatorGrantsOf = (memberId: string) =>
    world.factories.database.db
      .selectFrom('member_roles')
      .select('role')
      .where('member_id', '=', memberId)
      .where('role', '=', 'coordinator')
      .execute();

  it('an admin grants coordinator; it waits until a second admin approves it on the Members screen', async () => {
    const granter = await newPerson(browser);
    await signInMember(granter.page, server.url, firstAdmin);
    await granter.page.goto(`${server.url}/app/#/members`);
    await granter.page.click('button[aria-label="Manage Rosa Responder"]');
    await granter.page.selectOption('#member-role-0', 'coordinator');
    await clickWithStepUp(
      granter.page,
      '#save-roles',
      firstAdmin,
      granter.page.locator('text=Roles of Rosa Responder saved.'),
    );
    // Listed as pending for admins, and not held yet.
    await granter.page.waitForSelector('#privilege-grants li:has-text("Rosa Responder")');
    expect(await coordinatorGrantsOf(rosa.id)).toEqual([]);
    // The admin who asked cannot approve it: the server refuses, on screen.
    await clickWithStepUp(
      granter.page,
      '#privilege-grants li button',
      firstAdmin,
      granter.page.locator('#privilege-grants [role=alert], #privilege-grants [role=status]'),
    );
    expect(await granter.page.textContent('#privilege-grants')).toContain('A different admin must approve');
    expect(await coordinatorGrantsOf(rosa.id)).toEqual([]);

    const approver = await newPerson(browser);
    await signInMember(approver.page, server.url, secondAdmin);
    await approver.page.goto(`${server.url}/app/#/members`);
    await approver.page.waitForSelector('#privilege-grants li:has-text("Rosa Responder")');
    expect(await approver.page.textContent('#privilege-grants li')).toContain('asked by Ada Admin');
    await expectAccessible(approver.page, 'pending privilege grants');
    await clickWithStepUp(
      approver.page,
      '#privilege-grants li button',
      secondAdmin,
      approver.page.locator('text=Grant approved.'),
    );
    await approver.page.waitForSelector('#privilege-grants :text("No grant is waiting.")');
    expect(await coordinatorGrantsOf(rosa.id)).toEqual([{ role: 'coordinator' }]);
  });

  it('a member signs in for the first time and must enrol an authenticator app before the dashboard', async () => {
    const person = await newPerson(browser);
    await signInThroughTheApp(person.page, server.url, {
      email: newcomer.email,
      password: newcomer.password!,
    });
    await person.page.waitForSelector('#enrolment-required');
    await expectAccessible(person.page, 'enrolment required');
    // No work screen opens meanwhile, whatever the address says.
    await person.page.goto(`${server.url}/app/#/incidents`);
    await person.page.waitForSelector('#enrolment-required');
    expect(await person.page.locator('#main nav, #queue-title').count()).toBe(0);

    await person.page.click('#enroll-totp');
    const secret = (await person.page.textContent('#totp-secret'))!.trim();
    await person.page.fill('#totp-confirm-code', await totpCode({ totpSecret: secret }));
    await person.page.click('#enrolment-required form button[type=submit]');
    await person.page.waitForSelector('#enrolment-required', { state: 'detached' });
    const session = await person.page.request.get(`${server.url}/api/auth/session`);
    expect(((await session.json()) as { hasSecondFactor: boolean }).hasSecondFactor).toBe(true);
    expect((await person.page.request.get(`${server.url}/api/incidents`)).status()).toBe(200);
  });
}
