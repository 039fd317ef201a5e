// Screenshots of the members' app's main screens, for reviews of a change to web/: starts the demo
// exactly as `npm run demo` does (build first), walks it with the printed sign-ins and writes PNGs.
// Not part of `npm test`. Usage, from the project root:
//   npm run build:web && node --import tsx scripts/screenshots.ts /work/screens/before
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { Secret, TOTP } from 'otpauth';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';

interface Account {
  email: string;
  totpSecret: string | null;
}

interface Demo {
  child: ChildProcess;
  baseUrl: string;
  reportFormUrl: string;
  password: string;
  accounts: Map<string, Account>;
}

const repositoryRoot = path.resolve(import.meta.dirname, '..');
const outputDirectory = path.resolve(process.argv[2] ?? 'test-results/screens');

async function startDemo(dataDirectory: string): Promise<Demo> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'demo', '--serve'], {
    cwd: repositoryRoot,
    env: { ...process.env, PORT: '0', AMPARO_DATA_DIR: dataDirectory, AMPARO_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`demo exited with ${code}\n${lines.join('\n')}`)));
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line);
      if (line.startsWith('Amparo demo is running at ')) resolve();
    });
  });
  const value = (label: string) =>
    lines
      .find((line) => line.startsWith(label))!
      .slice(label.length)
      .trim()
      .split(/\s+/)[0]!;
  const accounts = new Map<string, Account>();
  let last: Account | null = null;
  for (const line of lines) {
    const secret = /^\s+authenticator app secret: ([A-Z2-7]+)$/.exec(line)?.[1];
    if (secret && last) last.totpSecret = secret;
    const email = /^\s+(\S+@\S+)\s+\S/.exec(line)?.[1];
    if (email) accounts.set(email.split('@')[0]!, (last = { email, totpSecret: null }));
  }
  return {
    child,
    baseUrl: value('Sign in:').replace(/\/app\/$/, ''),
    reportFormUrl: value('Report form:'),
    password: value('Password for every account:'),
    accounts,
  };
}

function totpCode(secret: string): string {
  return new TOTP({ secret: Secret.fromBase32(secret) }).generate();
}

async function signIn(demo: Demo, browser: Browser, name: string, width = 1280, height = 860): Promise<Page> {
  const account = demo.accounts.get(name)!;
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${demo.baseUrl}/app/`);
  await page.fill('#field-email', account.email);
  await page.fill('#field-password', demo.password);
  await page.click('button[type=submit]');
  if (account.totpSecret) {
    await page.waitForSelector('#field-code');
    await page.fill('#field-code', totpCode(account.totpSecret));
    await page.click('button[type=submit]');
  }
  await page.waitForSelector('button:has-text("Sign out")');
  return page;
}

async function capture(page: Page, name: string, readySelector: string): Promise<void> {
  await page.waitForSelector(readySelector);
  // Let late answers (counts, maps) settle so both runs show the same state.
  await page.waitForTimeout(600);
  await page.screenshot({ path: path.join(outputDirectory, `${name}.png`), fullPage: true });
  console.log(`  ${name}.png`);
}

async function open(page: Page, demo: Demo, hash: string, name: string, readySelector: string) {
  await page.goto(`${demo.baseUrl}/app/#/${hash}`);
  await capture(page, name, readySelector);
}

async function walk(demo: Demo, browser: Browser): Promise<void> {
  const visitor = await (await browser.newContext({ viewport: { width: 1280, height: 860 } })).newPage();
  await visitor.goto(`${demo.baseUrl}/app/`);
  await capture(visitor, 'sign-in', '#sign-in-title');

  const reporter = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await reporter.goto(demo.reportFormUrl);
  await reporter.check('#field-category-workplace');
  await reporter.fill('#field-zip', '60608');
  await reporter.fill('#field-description', 'Two unmarked vans outside the bakery on 18th Street');
  await reporter.click('button[type=submit]');
  await reporter.waitForLoadState('load');

  const desk = await signIn(demo, browser, 'dispatcher');
  await desk.waitForSelector('.incident-row');
  await capture(desk, 'queue', '.live');
  await open(desk, demo, 'entry', 'operator-entry', '#entry-title');
  await open(desk, demo, 'queue', 'queue-again', '.incident-row');
  await desk.keyboard.press('c');
  await desk.keyboard.press('Enter');
  await desk.click('button[data-status=verifying]');
  await desk.waitForSelector('#incident-title .status-verifying');
  await desk.click('button[data-status=confirmed]');
  await desk.waitForSelector('#incident-title .status-confirmed');
  const incidentHash = desk.url().split('#/')[1]!;
  await capture(desk, 'incident', '.dispatch[aria-busy=false]');

  const field = await signIn(demo, browser, 'responder-pilsen', 390, 800);
  await open(field, demo, 'responder', 'responder-phone', '#responder-title');
  await desk.click('.suggestions li:has-text("Luis") button[data-send-offer]');
  await field.waitForSelector('button:has-text("Accept")');
  await capture(field, 'responder-phone-offer', 'button:has-text("Accept")');
  await field.click('button:has-text("Accept")');
  await capture(field, 'responder-phone-accepted', 'textarea[name=notes]');
  await capture(desk, 'incident-offer-accepted', '[data-offer-status=accepted]');

  const rosa = await signIn(demo, browser, 'coordinator-rosa');
  await rosa.goto(`${demo.baseUrl}/app/#/${incidentHash}`);
  await rosa.click('button:has-text("Draft alert")');
  await capture(rosa, 'alert-draft', '#alert-title');
  await open(rosa, demo, 'alerts', 'alert-list', '#alerts-title');
  await open(rosa, demo, 'members', 'members-coordinator', 'tr[data-member-id]');
  await open(rosa, demo, 'invitations', 'invitations', '#pending-invitations-title');
  await open(rosa, demo, 'admin/templates', 'admin-templates', '#template-body');

  const admin = await signIn(demo, browser, 'demo-admin');
  await open(admin, demo, 'members', 'members-admin', 'tr[data-member-id]');
  await admin.click('tr[data-member-id] button[aria-expanded]');
  await capture(admin, 'members-admin-manage', '#member-manage');
  await open(admin, demo, 'admin/areas', 'admin-areas', '#area-list');
  await admin.click('#area-new');
  await capture(admin, 'admin-area-new', '#area-form-title');
  await open(admin, demo, 'admin/network', 'admin-network', '#profile');
  await open(admin, demo, 'admin/audit', 'admin-audit', '#audit-list[aria-busy=false]');
  await open(admin, demo, 'account', 'account-security', '#passkey-list, #passkeys-title ~ .empty');
  await open(admin, demo, 'sessions', 'account-sessions', '#session-list');
}

async function main(): Promise<void> {
  fs.mkdirSync(outputDirectory, { recursive: true });
  const dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-screens-'));
  const demo = await startDemo(dataDirectory);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    console.log(`Screens of ${demo.baseUrl} into ${outputDirectory}:`);
    await walk(demo, browser);
  } finally {
    await browser.close();
    demo.child.kill('SIGTERM');
    fs.rmSync(dataDirectory, { recursive: true, force: true });
  }
}

await main();
