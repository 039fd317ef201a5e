import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOperator } from '../../server/modules/identity/index.ts';
import type { DatabaseHandle, DialectName } from '../../server/platform/database/database.ts';
import { createLocalEventBus } from '../../server/platform/realtime/local-event-bus.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildMember, buildNetwork, defaultTestPassword } from '../support/factories.ts';
import type { BuiltMember } from '../support/factories.ts';
import {
  chooseLanguage,
  expectAccessible,
  freePort,
  newPerson,
  screenshot,
  shouldRunBrowserTests,
  signInMember,
  startBrowserWorld,
  totpCode,
} from './browser-support.ts';
import type { BrowserWorld } from './browser-support.ts';

const isEnabled = shouldRunBrowserTests();

if (!isEnabled)
  describe.skip('a coalition on one deployment in Chromium (Chromium not installed)', () =>
    it('an operator creates a second network that its admin uses', () => undefined));
else describeEachDatabase('a coalition on one deployment in Chromium', (dialect) => coalition(dialect));

function coalition(dialect: DialectName): void {
  let world: BrowserWorld;
  let database: DatabaseHandle;
  let browser: Browser;
  let baseUrl = '';
  let firstNetworkId = '';
  let firstAdmin: BuiltMember;
  const opened: BrowserContext[] = [];

  beforeAll(async () => {
    const port = await freePort();
    baseUrl = `http://localhost:${port}`;
    world = await startBrowserWorld(dialect, { PORT: String(port), AMPARO_PUBLIC_URL: baseUrl });
    ({ database, browser } = world);
    const first = await buildNetwork(world.factories, { name: 'First network', slug: 'first-rrn' });
    firstNetworkId = first.id;
    firstAdmin = await buildMember(world.factories, {
      networkId: first.id,
      displayName: 'Fiona First',
      roles: [{ role: 'admin' }],
    });
  }, 180_000);
  afterAll(async () => {
    for (const context of opened) await context.close();
    await world?.stop();
  });

  /** What the first network holds, as counts an operator's work must not change. */
  async function firstNetworkFootprint() {
    const [members, audit] = await Promise.all([
      database.db.selectFrom('members').select('id').where('network_id', '=', firstNetworkId).execute(),
      database.db.selectFrom('audit_log').select('id').where('chain', '=', firstNetworkId).execute(),
    ]);
    return { members: members.length, audit: audit.length };
  }

  it('an operator creates a second network, suspends and resumes it; its admin signs in through the link and uses it without touching the first', async () => {
    const before = await firstNetworkFootprint();
    const email = 'operator@coalition.example';
    // As `amparo operator create --email` does (the CLI test runs the command itself).
    const link = await createOperator(
      {
        db: database.db,
        clock: world.factories.clock,
        crypto: world.factories.crypto,
        dialect: database.dialect,
        events: createLocalEventBus(),
      },
      { email },
    );

    const operator = await newPerson(browser);
    opened.push(operator.context);
    const { page } = operator;
    await page.goto(`${baseUrl}${link.path}`);
    await page.waitForSelector('#operator-totp-secret');
    await expectAccessible(page, 'operator setup');
    const totpSecret = (await page.textContent('#operator-totp-secret'))!.trim();
    await page.fill('#field-password', defaultTestPassword);
    await page.fill('#field-code', await totpCode({ totpSecret }));
    await page.click('#operator-setup button[type=submit]');
    await page.click('text=Go to sign-in');

    await page.waitForSelector('#operator-sign-in');
    await expectAccessible(page, 'operator sign-in');
    await page.fill('#field-email', email);
    await page.fill('#field-password', defaultTestPassword);
    await page.fill('#field-code', await totpCode({ totpSecret }));
    await page.click('#operator-sign-in button[type=submit]');
    await page.waitForSelector('#network-first-rrn');
    // Counts only: the first network's admin is a number here, never a name.
    expect(await page.textContent('#network-first-rrn .network-members')).toBe('1');
    expect(await page.textContent('#main')).not.toContain('Fiona');
    // The operator is no member: the members' API refuses the operator's session.
    expect((await page.request.get(`${baseUrl}/api/members`)).status()).toBe(403);

    await page.fill('#field-network-name', 'Second network');
    await page.fill('#field-network-slug', 'second-rrn');
    await page.fill('#field-network-timezone', 'America/New_York');
    await page.fill('#field-network-languages', 'es,en');
    await page.click('#create-network button[type=submit]');
    await page.waitForSelector('#admin-setup-link');
    const adminLink = (await page.textContent('#admin-setup-link'))!.trim();
    await page.waitForSelector('#network-second-rrn');
    await expectAccessible(page, 'operator networks');
    await screenshot(page, 'coalition-operator-en');

    // Suspend: a confirmation naming the consequence, then a fresh authenticator code.
    await page.click('#suspension-second-rrn-open');
    await page.waitForSelector('#suspension-second-rrn');
    await expectAccessible(page, 'operator suspend confirmation');
    await page.fill('#suspension-second-rrn-code', await totpCode({ totpSecret }));
    await page.click('#suspension-second-rrn button[type=submit]');
    await page.waitForSelector('#network-second-rrn[data-suspended="true"]');
    expect((await page.request.get(`${baseUrl}/r/second-rrn`)).status()).toBe(503);
    await chooseLanguage(page, 'es');
    await expectAccessible(page, 'operator networks (es)');
    await screenshot(page, 'coalition-operator-es');
    await chooseLanguage(page, 'ar');
    await expectAccessible(page, 'operator networks (ar)');
    await screenshot(page, 'coalition-operator-ar');
    await chooseLanguage(page, 'en');
    await page.click('#suspension-second-rrn-open');
    await page.fill('#suspension-second-rrn-code', await totpCode({ totpSecret }));
    await page.click('#suspension-second-rrn button[type=submit]');
    await page.waitForSelector('#network-second-rrn[data-suspended="false"]');
    expect((await page.request.get(`${baseUrl}/r/second-rrn`)).status()).toBe(200);

    // The second network's first admin opens the link, makes their account, enrols a factor.
    const admin = await newPerson(browser);
    opened.push(admin.context);
    await admin.page.goto(adminLink);
    await admin.page.waitForSelector('#field-adminDisplayName');
    await expectAccessible(admin.page, 'first admin setup');
    expect(await admin.page.locator('#field-slug').count()).toBe(0);
    await admin.page.fill('#field-adminDisplayName', 'Sol Second');
    await admin.page.fill('#field-email', 'sol@second.example');
    await admin.page.fill('#field-password', defaultTestPassword);
    await admin.page.click('button[type=submit]');
    await admin.page.waitForSelector('text=Open Amparo');
    await admin.page.goto(`${baseUrl}/app/`);
    await admin.page.waitForSelector('#enrolment-required');
    await admin.page.click('#enroll-totp');
    const adminSecret = (await admin.page.textContent('#totp-secret'))!.trim();
    await admin.page.fill('#totp-confirm-code', await totpCode({ totpSecret: adminSecret }));
    await admin.page.click('#enrolment-required form button[type=submit]');
    await admin.page.waitForSelector('#enrolment-required', { state: 'detached' });

    // They use their network: its members screen lists them, and nobody of the first network.
    await admin.page.goto(`${baseUrl}/app/#/members`);
    await admin.page.waitForSelector('text=Sol Second');
    expect(await admin.page.textContent('#main')).not.toContain('Fiona First');
    const network = await admin.page.request.get(`${baseUrl}/api/network`);
    expect(((await network.json()) as { name: string }).name).toBe('Second network');

    // The first network's records did not move, and its admin still works at home.
    expect(await firstNetworkFootprint()).toEqual(before);
    const home = await newPerson(browser);
    opened.push(home.context);
    await signInMember(home.page, baseUrl, firstAdmin);
    const homeNetwork = await home.page.request.get(`${baseUrl}/api/network`);
    expect(((await homeNetwork.json()) as { name: string }).name).toBe('First network');
    expect([...operator.problems, ...admin.problems, ...home.problems]).toEqual([]);
  }, 240_000);
}
