import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DialectName } from '../../server/platform/database/database.ts';
import { startFakeSmtp } from '../alerts/support/fake-smtp.ts';
import type { FakeSmtp } from '../alerts/support/fake-smtp.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildArea, buildMember, buildNetwork } from '../support/factories.ts';
import type { BuiltMember } from '../support/factories.ts';
import { startFakeTwilio } from '../support/fake-twilio.ts';
import type { FakeTwilio } from '../support/fake-twilio.ts';
import type { ServerProcess } from '../support/server-process.ts';
import {
  chooseLanguage,
  expectAccessible,
  newPerson,
  shouldRunBrowserTests,
  signInMember,
  startBrowserWorld,
} from './browser-support.ts';
import type { BrowserWorld } from './browser-support.ts';

const isEnabled = shouldRunBrowserTests();
const pilsen = { lat: 41.8564, lon: -87.6604 };
const header = 'name,contact,roles,areas,languages';
const badCsv = [
  header,
  'Ana Ruiz,ana@example.org,responder,Pilsen,es',
  'Beto,not-an-address,responder,Pilsen,en',
  'Carla,+13125550142,pilot,Pilsen,en',
  'Dana,dana@example.org,responder,Atlantis,en',
].join('\n');
const goodCsv = [
  header,
  'Ana Ruiz,ana@example.org,responder,Pilsen,es',
  'Beto,beto@example.org,responder,Pilsen,en',
  'Carla,+13125550142,responder,Pilsen,en',
].join('\n');

if (!isEnabled)
  describe.skip('volunteer import in Chromium (Chromium not installed)', () =>
    it('refuses bad rows one by one, then sends the invitations', () => undefined));
else
  describeEachDatabase('web app in Chromium: volunteers imported from a CSV', (dialect) =>
    volunteerImport(dialect),
  );

function volunteerImport(dialect: DialectName): void {
  let world: BrowserWorld;
  let server: ServerProcess;
  let browser: Browser;
  let smtp: FakeSmtp;
  let twilio: FakeTwilio;
  let coordinator: BuiltMember;

  beforeAll(async () => {
    smtp = await startFakeSmtp();
    twilio = await startFakeTwilio();
    world = await startBrowserWorld(dialect, {
      SMTP_URL: smtp.url,
      TWILIO_API_BASE: twilio.url,
      TWILIO_ACCOUNT_SID: twilio.accountSid,
      TWILIO_AUTH_TOKEN: twilio.authToken,
      TWILIO_FROM: '+13125550100',
    });
    ({ server, browser } = world);
    const network = await buildNetwork(world.factories, { languages: ['en', 'es', 'ar'] });
    await buildArea(world.factories, network.id, { name: 'Pilsen', center: pilsen });
    coordinator = await buildMember(world.factories, {
      networkId: network.id,
      displayName: 'Carla Coordinator',
      roles: [{ role: 'coordinator' }],
      withTotp: true,
    });
  });

  afterAll(async () => {
    await world?.stop();
    await Promise.all([smtp?.close(), twilio?.close()]);
  });

  it('shows each bad row with its problem, sends nothing, then sends the fixed file by email and SMS', async () => {
    const desk = await newPerson(browser);
    await signInMember(desk.page, server.url, coordinator);
    await desk.page.goto(`${server.url}/app/#/invitations`);
    const fileInput = desk.page.locator('#import-file');
    await fileInput.setInputFiles({
      name: 'volunteers.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(badCsv),
    });

    await desk.page.waitForSelector('#import-summary:has-text("1 ready, 3 with problems")');
    const problemOf = (line: number) => desk.page.textContent(`[data-import-line="${line}"] td:last-child`);
    expect(await problemOf(2)).toBe('ready');
    expect(await problemOf(3)).toContain('not an email address or a phone number');
    expect(await problemOf(4)).toContain('not one Amparo knows');
    expect(await problemOf(5)).toContain("not one of this network's areas");
    expect(await desk.page.locator('#import-send').count()).toBe(0);
    await expectAccessible(desk.page, 'volunteer import with row errors');
    await chooseLanguage(desk.page, 'es');
    expect(await problemOf(5)).toContain('no es de esta red');
    await chooseLanguage(desk.page, 'en');
    // Nothing was sent or stored for the bad file.
    expect(smtp.messages.length + twilio.messages.length).toBe(0);
    const before = await world.database.db.selectFrom('invitations').select('id').execute();
    expect(before).toHaveLength(0);

    await fileInput.setInputFiles({
      name: 'volunteers.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(goodCsv),
    });
    await desk.page.waitForSelector('#import-summary:has-text("3 ready, 0 with problems")');
    await desk.page.click('#import-send:has-text("Send 3 invitations")');
    await desk.page.waitForSelector('text=3 invitations sent: 2 by email, 1 by text message.');
    await expect.poll(() => desk.page.locator('.invitation-list li').count()).toBeGreaterThan(0);

    await expect.poll(() => smtp.messages.length + twilio.messages.length, { timeout: 20_000 }).toBe(3);
    expect(smtp.messages.map((message) => message.to[0]).sort()).toEqual([
      'ana@example.org',
      'beto@example.org',
    ]);
    expect(twilio.messages.map((message) => message.to)).toEqual(['+13125550142']);
    for (const text of [...smtp.messages.map((message) => message.text), twilio.messages[0]!.body]) {
      expect(text).toMatch(/\/join\/[A-Za-z0-9_-]{43}/);
    }
    expect(desk.problems).toEqual([]);
    await desk.context.close();
  }, 90_000);
}
