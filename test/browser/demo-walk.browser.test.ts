import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  freePort,
  newPerson,
  registerPasskeyFromDialog,
  screenshot,
  shouldRunBrowserTests,
  signInThroughTheApp,
  startBrowser,
} from './browser-support.ts';
import type { SignInAccount } from './browser-support.ts';

const repositoryRoot = path.resolve(import.meta.dirname, '../..');

interface PrintedDemo {
  baseUrl: string;
  reportFormUrl: string;
  liveAlertsUrl: string;
  accounts: Map<string, SignInAccount>;
}

/**
 * Starts the demo exactly as `npm run demo` does (the command in package.json, after its
 * `predemo` build), in a fresh data directory and on a free port, and reads what it prints.
 */
async function startDemo(dataDirectory: string): Promise<{ child: ChildProcess; printed: PrintedDemo }> {
  const packageJson = JSON.parse(fs.readFileSync(path.join(repositoryRoot, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const [command, ...args] = packageJson.scripts.demo!.split(/\s+/);
  expect(command).toBe('node');
  const child = spawn(process.execPath, args, {
    cwd: repositoryRoot,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? os.tmpdir(),
      XDG_CONFIG_HOME: process.env.XDG_CONFIG_HOME ?? os.tmpdir(),
      // A free port chosen here, so the printed address (and a passkey's origin) is the one served.
      PORT: String(await freePort()),
      AMPARO_DATA_DIR: dataDirectory,
      AMPARO_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const lines: string[] = [];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`demo did not start\n${lines.join('\n')}\n${stderr}`)),
      60_000,
    );
    child.once('exit', (code) => reject(new Error(`demo exited with ${code}\n${stderr}`)));
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line);
      if (!line.startsWith('Amparo demo is running at ')) return;
      clearTimeout(timer);
      resolve();
    });
  });
  return { child, printed: parsePrinted(lines) };
}

/** Reads the console as a newcomer would: the addresses, the password, each account. */
function parsePrinted(lines: string[]): PrintedDemo {
  const value = (label: string) => {
    const line = lines.find((entry) => entry.startsWith(label));
    if (!line) throw new Error(`the demo did not print "${label}"\n${lines.join('\n')}`);
    return line.slice(label.length).trim().split(/\s+/)[0]!;
  };
  const password = value('Password for every account:');
  const accounts = new Map<string, SignInAccount>();
  let last: SignInAccount | null = null;
  for (const line of lines) {
    const secret = /^\s+authenticator app secret: ([A-Z2-7]+)$/.exec(line)?.[1];
    if (secret && last) last.totpSecret = secret;
    const email = /^\s+(\S+@\S+)\s+\S/.exec(line)?.[1];
    if (email) {
      last = { email, password, totpSecret: null };
      accounts.set(email.split('@')[0]!, last);
    }
  }
  return {
    baseUrl: value('Sign in:').replace(/\/app\/$/, ''),
    reportFormUrl: value('Report form:'),
    liveAlertsUrl: value('Live alerts:'),
    accounts,
  };
}

const isEnabled = shouldRunBrowserTests();

if (!isEnabled)
  describe.skip('the demo in Chromium (Chromium not installed)', () => it('walks the demo', () => undefined));
else
  describe('the demo in Chromium: a newcomer walks the core flow with the printed sign-ins', () => {
    let dataDirectory: string;
    let demo: ChildProcess;
    let printed: PrintedDemo;
    let browser: Browser;

    beforeAll(async () => {
      // The demo serves the web app this builds (`npm run demo` builds it first in `predemo`).
      browser = await startBrowser();
      dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-demo-'));
      ({ child: demo, printed } = await startDemo(dataDirectory));
    }, 90_000);

    afterAll(async () => {
      await browser?.close();
      if (demo && demo.exitCode === null) {
        const exited = new Promise((resolve) => demo.once('exit', resolve));
        demo.kill('SIGTERM');
        await exited;
      }
      if (dataDirectory) fs.rmSync(dataDirectory, { recursive: true, force: true });
    });

    const account = (name: string) => {
      const found = printed.accounts.get(name);
      if (!found) throw new Error(`the demo did not print an account "${name}"`);
      return found;
    };

    it('prints every persona, with authenticator secrets for the coordinators', () => {
      expect([...printed.accounts.keys()]).toEqual(
        expect.arrayContaining(['dispatcher', 'responder-pilsen', 'coordinator-rosa', 'coordinator-miguel']),
      );
      expect(account('coordinator-rosa').totpSecret).toBeTruthy();
      expect(account('coordinator-miguel').totpSecret).toBeTruthy();
    });

    it('report → queue → offer → accept → draft → approve, as the demo personas', async () => {
      const { baseUrl } = printed;
      const desk = await newPerson(browser);
      await signInThroughTheApp(desk.page, baseUrl, account('dispatcher'));
      await desk.page.waitForSelector('#queue-title');
      await desk.page.waitForSelector('.live');

      // Someone reports from the printed public form, without JavaScript.
      const reporter = await newPerson(browser, { javaScriptEnabled: false });
      await reporter.page.goto(printed.reportFormUrl);
      await reporter.page.check('#field-category-workplace');
      await reporter.page.fill('#field-zip', '60608');
      await reporter.page.fill('#field-description', 'Two unmarked vans outside the bakery on 18th Street');
      await reporter.page.click('button[type=submit]');
      await reporter.page.waitForLoadState('load');

      // The dispatcher sees it arrive live, takes it, verifies and confirms it.
      const row = desk.page.locator('.incident-row').first();
      await row.waitFor({ timeout: 15_000 });
      await desk.page.keyboard.press('c');
      await expect.poll(() => row.textContent()).toContain('Dana');
      await desk.page.keyboard.press('Enter');
      await desk.page.waitForSelector('#incident-title');
      await desk.page.click('button[data-status=verifying]');
      await desk.page.waitForSelector('#incident-title .status-verifying');
      await desk.page.click('button[data-status=confirmed]');
      await desk.page.waitForSelector('#incident-title .status-confirmed');
      const incidentUrl = desk.page.url();

      // Luis, the Pilsen responder, is on call near Pilsen: the dispatcher offers him the call.
      const field = await newPerson(browser, { viewport: { width: 390, height: 800 } });
      await signInThroughTheApp(field.page, baseUrl, account('responder-pilsen'));
      await field.page.goto(`${baseUrl}/app/#/responder`);
      await field.page.waitForSelector('#responder-title');
      // The toggle stays disabled until the responder's profile has loaded.
      await field.page.waitForSelector('#on-call:not([disabled])');
      expect(await field.page.isChecked('#on-call')).toBe(true);
      await desk.page.click('.suggestions li:has-text("Luis") button[data-send-offer]');
      await desk.page.waitForSelector('[data-offer-status=offered]');
      await field.page.waitForSelector('button:has-text("Accept")', { timeout: 15_000 });
      await field.page.click('button:has-text("Accept")');
      await field.page.check('input[value=confirmed]');
      await field.page.fill('textarea[name=notes]', 'Vans still there, people inside, no arrests seen.');
      await field.page.click('button:has-text("Send report")');
      await field.page.waitForSelector('text=Your report was sent');
      await desk.page.waitForSelector('[data-offer-status=accepted]:has-text("Confirmed")');
      await screenshot(desk.page, 'demo-incident-en');

      // Rosa drafts the alert; Miguel approves it with a passkey, registered when the app asks
      // (the demo's accounts start with an authenticator app only; ADR 0026).
      const rosa = await newPerson(browser);
      await signInThroughTheApp(rosa.page, baseUrl, account('coordinator-rosa'));
      await rosa.page.goto(incidentUrl);
      await rosa.page.click('button:has-text("Draft alert")');
      await rosa.page.click('#composer-submit');
      await rosa.page.waitForSelector('#alert-title');
      const alertUrl = rosa.page.url();
      expect(alertUrl).toContain('#/alerts/');

      const miguel = await newPerson(browser);
      await signInThroughTheApp(miguel.page, baseUrl, account('coordinator-miguel'));
      await miguel.page.goto(alertUrl);
      await miguel.page.click('#approve-alert');
      await registerPasskeyFromDialog(miguel.page, account('coordinator-miguel'));
      await miguel.page.goto(alertUrl);
      const approved = miguel.page.locator('[data-alert-state=approved]');
      const usePasskey = miguel.page.locator('#step-up-passkey');
      await miguel.page.click('#approve-alert');
      await usePasskey.or(approved).first().waitFor();
      if (await usePasskey.isVisible()) await usePasskey.click();
      await approved.waitFor();
      await screenshot(miguel.page, 'demo-alert-approved-en');

      // The verified alert is public at the printed address.
      await reporter.page.goto(printed.liveAlertsUrl);
      expect(await reporter.page.locator('a[href$=".cap"]').count()).toBe(1);
      expect(await reporter.page.textContent('main')).toContain('Pilsen');

      for (const person of [desk, reporter, field, rosa, miguel]) {
        expect(person.problems).toEqual([]);
        await person.context.close();
      }
    }, 150_000);
  });
