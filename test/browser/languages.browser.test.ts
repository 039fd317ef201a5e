import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LanguageList } from '../../server/modules/system/webapp/webapp.contract.ts';
import type { DialectName } from '../../server/platform/database/database.ts';
import { signTwilioRequest } from '../../server/platform/sms/twilio-webhook.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildMember, buildNetwork } from '../support/factories.ts';
import type { BuiltMember } from '../support/factories.ts';
import { startFakeTwilio } from '../support/fake-twilio.ts';
import type { FakeTwilio } from '../support/fake-twilio.ts';
import type { ServerProcess } from '../support/server-process.ts';
import {
  expectAccessible,
  freePort,
  newPerson,
  screenshot,
  shouldRunBrowserTests,
  signInMember,
  startBrowserWorld,
} from './browser-support.ts';
import type { BrowserWorld } from './browser-support.ts';

const isEnabled = shouldRunBrowserTests();

if (!isEnabled)
  describe.skip('languages in Chromium (Chromium not installed)', () =>
    it('renders Kreyòl and Portuguese', () => undefined));
else describeEachDatabase('languages in Chromium: Kreyòl and Portuguese', (dialect) => languages(dialect));

const hotline = '+13125550177';

/** What each language must show, word for word from its catalog (locales/<language>/). */
const expected = {
  ht: {
    name: 'Kreyòl ayisyen',
    reportTitle: 'Rapòte yon aksyon imigrasyon oswa lapolis',
    reportReceived: 'Nou resevwa rapò a',
    queueNav: 'Lis ensidan yo',
    signOut: 'Dekonekte',
  },
  pt: {
    name: 'Português',
    reportTitle: 'Relatar uma ação de imigração ou da polícia',
    reportReceived: 'Relato recebido',
    queueNav: 'Fila de incidentes',
    signOut: 'Sair',
  },
} as const;

function languages(dialect: DialectName): void {
  let world: BrowserWorld;
  let server: ServerProcess;
  let browser: Browser;
  let twilio: FakeTwilio;
  let publicUrl = '';
  let slug = '';
  let admin: BuiltMember;

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
    const network = await buildNetwork(world.factories, {
      languages: ['en', 'ht', 'pt', 'es'],
      settings: { hotlineNumbers: [hotline] },
    });
    slug = network.slug;
    admin = await buildMember(world.factories, {
      networkId: network.id,
      displayName: 'Wideline Admin',
      roles: [{ role: 'admin' }, { role: 'dispatcher' }],
      withTotp: true,
    });
  }, 120_000);

  afterAll(async () => {
    await world?.stop();
    await twilio?.close();
  });

  /** A text to the hotline as Twilio delivers it (signed form post); answers the TwiML reply's text. */
  async function textTheHotline(from: string, body: string): Promise<string> {
    const params = {
      From: from,
      To: hotline,
      Body: body,
      MessageSid: `SM${from.slice(-7)}${body.length}${Date.now()}`,
    };
    const response = await fetch(`${server.url}/webhooks/twilio/sms`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': signTwilioRequest(twilio.authToken, `${publicUrl}/webhooks/twilio/sms`, params),
      },
      body: new URLSearchParams(params).toString(),
      signal: AbortSignal.timeout(10_000),
    });
    expect(response.status).toBe(200);
    const twiml = await response.text();
    return [...twiml.matchAll(/<Message>([\s\S]*?)<\/Message>/g)]
      .map((match) => unescapeXml(match[1]!))
      .join('\n');
  }

  it('the server offers exactly the languages with complete catalogs, each by its own name', async () => {
    const response = await fetch(`${server.url}/app/languages`, { signal: AbortSignal.timeout(10_000) });
    expect(response.status).toBe(200);
    const list = (await response.json()) as LanguageList;
    const codes = list.languages.map((language) => language.code);
    expect(codes.slice(0, 2)).toEqual(['en', 'es']);
    expect(codes).toEqual(expect.arrayContaining(['ar', 'ht', 'pt']));
    expect(list.languages.find((language) => language.code === 'ht')).toEqual({
      code: 'ht',
      name: expected.ht.name,
      direction: 'ltr',
    });
    expect(list.languages.find((language) => language.code === 'ar')?.direction).toBe('rtl');
    // A language Amparo has no complete catalog for is neither listed nor served.
    expect(codes).not.toContain('fr');
    expect((await fetch(`${server.url}/app/locales/fr.json`)).status).toBe(400);
    expect((await fetch(`${server.url}/app/locales/ht.json`)).status).toBe(200);
  });

  it('the public report page works in Kreyòl and in Portuguese, from the form to the confirmation', async () => {
    for (const language of ['ht', 'pt'] as const) {
      const reporter = await newPerson(browser);
      const { page } = reporter;
      await page.goto(`${server.url}/r/${slug}?lang=${language}`);
      expect(await page.getAttribute('html', 'lang')).toBe(language);
      expect(await page.textContent('h1')).toContain(expected[language].reportTitle);
      // The language switcher names each of the network's languages in its own words.
      expect(await page.textContent('nav.languages')).toContain(expected.ht.name);
      expect(await page.textContent('nav.languages')).toContain(expected.pt.name);
      await expectAccessible(page, `report form (${language})`);
      await screenshot(page, `languages-report-form-${language}`);

      await page.check('#field-category');
      await page.fill('#field-zip', '60608');
      await page.click('button[type=submit]');
      await page.waitForSelector(`h1:has-text("${expected[language].reportReceived}")`);
      expect(await page.getAttribute('html', 'lang')).toBe(language);
      await expectAccessible(page, `report confirmation (${language})`);
      await screenshot(page, `languages-report-received-${language}`);
      expect(reporter.problems).toEqual([]);
      await reporter.context.close();
    }
  }, 120_000);

  it("the members' app switches to Kreyòl and Portuguese, and the settings offer only complete languages", async () => {
    const person = await newPerson(browser);
    const { page } = person;
    await signInMember(page, server.url, admin);
    const menu = await page.$$eval('#language-select option', (options) =>
      options.map((option) => [(option as HTMLOptionElement).value, option.textContent]),
    );
    expect(menu).toEqual(
      expect.arrayContaining([
        ['ht', expected.ht.name],
        ['pt', expected.pt.name],
      ]),
    );

    for (const language of ['ht', 'pt'] as const) {
      await chooseAnyLanguage(page, language);
      await page.waitForSelector(`nav a:has-text("${expected[language].queueNav}")`);
      await page.waitForSelector(`button:has-text("${expected[language].signOut}")`);
      await expectAccessible(page, `members' app queue (${language})`);
      await screenshot(page, `languages-app-queue-${language}`);
    }

    // Network settings, in Portuguese: the language choices are the server's list, no other.
    await page.goto(`${server.url}/app/#/admin/network`);
    await page.waitForSelector('#network-default-language');
    const offered = await page.$$eval('#network-default-language option', (options) =>
      options.map((option) => (option as HTMLOptionElement).value),
    );
    const list = (await (await fetch(`${server.url}/app/languages`)).json()) as LanguageList;
    expect(offered).toEqual(list.languages.map((language) => language.code));
    expect(offered).toEqual(expect.arrayContaining(['ht', 'pt']));
    expect(offered).not.toContain('fr');
    await expectAccessible(page, 'network settings (pt)');
    await screenshot(page, 'languages-network-settings-pt');
    expect(person.problems).toEqual([]);
    await person.context.close();
  }, 120_000);

  it('an SMS subscriber switches to Kreyòl with a Kreyòl keyword, and gets help in Kreyòl', async () => {
    const phone = '+13125550188';
    expect(await textTheHotline(phone, 'JOIN 60608')).toContain('you will get verified alerts for ZIP 60608');

    const switched = await textTheHotline(phone, 'LANGAJ KREYÒL');
    expect(switched).toContain('apati kounye a, mesaj ou yo ap an Kreyòl ayisyen');
    // Help, asked in Kreyòl, is answered in Kreyòl with Kreyòl keywords.
    const help = await textTheHotline(phone, 'ede');
    expect(help).toContain('alèt ki verifye sou aksyon imigrasyon toupre ou');
    expect(help).toContain('Voye ANTRE ak kòd postal ou');

    // People type it every way: without the accent, or in Portuguese.
    expect(await textTheHotline(phone, 'lang kreyol')).toContain('Kreyòl ayisyen');
    expect(await textTheHotline(phone, 'LINGUA PORTUGUÊS')).toContain('suas mensagens serão em Português');
  }, 60_000);
}

/** The top bar's language menu, for any offered language; waits for the document to follow. */
async function chooseAnyLanguage(page: Page, language: string): Promise<void> {
  await page.selectOption('#language-select', language);
  await page.waitForFunction((wanted) => document.documentElement.lang === wanted, language);
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
