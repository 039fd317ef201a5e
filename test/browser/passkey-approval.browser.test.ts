import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DialectName } from '../../server/platform/database/database.ts';
import { buildIncident } from '../alerts/support/alert-world.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildArea, buildMember, buildNetwork } from '../support/factories.ts';
import type { BuiltMember } from '../support/factories.ts';
import type { ServerProcess } from '../support/server-process.ts';
import {
  callFromPage,
  clickWithStepUp,
  expectAccessible,
  freePort,
  newPerson,
  registerPasskeyFromDialog,
  screenshot,
  shouldRunBrowserTests,
  signInMember,
  startBrowserWorld,
  totpCode,
} from './browser-support.ts';
import type { BrowserWorld } from './browser-support.ts';

/**
 * Issue 14, item 5 on screen: an approver who signed in with an authenticator code is told that
 * approving needs a passkey, registers one from the dialog's link, and approves with it; a later
 * code step-up is answered with a passkey-only dialog. Chromium's virtual authenticator (CDP
 * WebAuthn) holds the passkeys; nothing on the server is mocked.
 */

const isEnabled = shouldRunBrowserTests();
const pilsen = { lat: 41.8564, lon: -87.6604 };

if (!isEnabled)
  describe.skip('approving with a passkey in Chromium (Chromium not installed)', () =>
    it('guides an approver to a passkey and approves with it', () => undefined));
else describeEachDatabase('approving with a passkey in Chromium', (dialect) => passkeyApproval(dialect));

function passkeyApproval(dialect: DialectName): void {
  let world: BrowserWorld;
  let server: ServerProcess;
  let browser: Browser;
  let drafter: BuiltMember;
  let codeOnly: BuiltMember;
  let networkId = '';

  beforeAll(async () => {
    const port = await freePort();
    world = await startBrowserWorld(dialect, {
      PORT: String(port),
      AMPARO_PUBLIC_URL: `http://localhost:${port}`,
    });
    ({ server, browser } = world);
    const network = await buildNetwork(world.factories, { languages: ['en', 'es', 'ar'] });
    networkId = network.id;
    await buildArea(world.factories, network.id, { name: 'Pilsen', center: pilsen, radiusMeters: 3000 });
    drafter = await buildMember(world.factories, {
      networkId: network.id,
      displayName: 'Carla Coordinator',
      roles: [{ role: 'coordinator' }],
    });
    // An approver from before passkeys were required: an authenticator app only.
    codeOnly = await buildMember(world.factories, {
      networkId: network.id,
      displayName: 'Ana Approver',
      roles: [{ role: 'coordinator' }],
      withPasskey: false,
    });
  }, 120_000);
  afterAll(() => world?.stop());

  async function draftedAlert(): Promise<string> {
    const incidentId = await buildIncident(world.factories, networkId, pilsen);
    const drafting = await newPerson(browser);
    await signInMember(drafting.page, server.url, drafter);
    await drafting.page.goto(`${server.url}/app/#/incident/${incidentId}`);
    await drafting.page.click('button:has-text("Draft alert")');
    await drafting.page.click('#composer-submit');
    await drafting.page.waitForSelector('#frozen-title');
    const alertId = drafting.page.url().split('#/alerts/')[1]!;
    await drafting.context.close();
    return alertId;
  }

  it('tells a code-only approver to register a passkey, then approves with it; a code is answered with a passkey-only dialog', async () => {
    const firstAlert = await draftedAlert();
    const { page, problems } = await newPerson(browser);
    await signInMember(page, server.url, codeOnly);
    await page.goto(`${server.url}/app/#/alerts/${firstAlert}`);
    await page.waitForSelector('#approve-alert');
    await page.click('#approve-alert');
    // Signed in with a code a moment ago: not enough to approve, and no passkey to ask for.
    await page.waitForSelector('#step-up-register-passkey');
    expect(await page.textContent('dialog.step-up-dialog')).toContain('You have none yet');
    expect(await page.locator('#step-up-code').count()).toBe(0);
    await expectAccessible(page, 'passkey required dialog');
    await screenshot(page, 'passkey-required-dialog');

    // The dialog's link opens the account page, where the passkey is added.
    await registerPasskeyFromDialog(page, codeOnly);
    expect(await page.textContent('main')).toContain('Passkey added.');

    // A fresh authenticator code is not enough: the dialog asks for the passkey only.
    await callFromPage(page, 'POST', '/api/auth/step-up', { code: await totpCode(codeOnly) });
    await page.goto(`${server.url}/app/#/alerts/${firstAlert}`);
    await page.click('#approve-alert');
    await page.waitForSelector('dialog.step-up-dialog #step-up-passkey');
    expect(await page.textContent('#step-up-hint')).toContain('an authenticator code is not enough');
    expect(await page.locator('#step-up-code').count()).toBe(0);
    await expectAccessible(page, 'passkey-only step-up dialog');
    await screenshot(page, 'passkey-only-step-up-dialog');
    await page.click('#step-up-passkey');
    await page.waitForSelector('[data-alert-state=approved]');
    expect(problems).toEqual([]);
  });

  it('an approver built with a passkey approves through the virtual authenticator (the helper other suites use)', async () => {
    const alertId = await draftedAlert();
    const approver = await buildMember(world.factories, {
      networkId,
      displayName: 'Paula Passkey',
      roles: [{ role: 'coordinator' }],
    });
    const { page, problems } = await newPerson(browser);
    await signInMember(page, server.url, approver);
    await page.goto(`${server.url}/app/#/alerts/${alertId}`);
    await page.waitForSelector('#approve-alert');
    await clickWithStepUp(page, '#approve-alert', approver, page.locator('[data-alert-state=approved]'));
    const stepUps = await world.database.db
      .selectFrom('sessions')
      .select('second_factor_method')
      .where('member_id', '=', approver.id)
      .execute();
    expect(stepUps.map((row) => row.second_factor_method)).toEqual(['passkey']);
    expect(problems).toEqual([]);
  });
}
