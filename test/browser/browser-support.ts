import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Secret, TOTP } from 'otpauth';
import { chromium } from 'playwright-core';
import type {
  Browser,
  CDPSession,
  BrowserContext,
  BrowserContextOptions,
  Locator,
  Page,
} from 'playwright-core';
import { expect } from 'vitest';
import { systemClock } from '../../server/platform/clock/clock.ts';
import { createFieldCrypto } from '../../server/platform/crypto/field-crypto.ts';
import { generateKeyFile, parseKeyFile } from '../../server/platform/crypto/keyring.ts';
import { openDatabase } from '../../server/platform/database/database.ts';
import type { DatabaseHandle, DatabaseTarget, DialectName } from '../../server/platform/database/database.ts';
import { createTarget, dropTarget } from '../support/databases.ts';
import type { BuiltMember, FactoryContext } from '../support/factories.ts';
import { startServerProcess } from '../support/server-process.ts';
import type { ServerProcess } from '../support/server-process.ts';
import { ensureWebAppBuilt } from '../support/web-build.ts';

export const chromiumPath = '/usr/bin/chromium';
const repositoryRoot = path.resolve(import.meta.dirname, '../..');
export const screenshotDirectory = path.join(repositoryRoot, 'test-results', 'screenshots');
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let axeSource: string | undefined;

/**
 * Browser tests run when Debian's Chromium is installed. CI sets AMPARO_BROWSER_TESTS=required, and
 * then a missing browser is a failure, not a skip.
 */
export function shouldRunBrowserTests(): boolean {
  if (fs.existsSync(chromiumPath)) return true;
  if (process.env.AMPARO_BROWSER_TESTS === 'required') {
    throw new Error(
      `AMPARO_BROWSER_TESTS=required but ${chromiumPath} is missing (apt-get install chromium).`,
    );
  }
  console.warn(`Skipping browser tests: ${chromiumPath} not found (install Debian's chromium to run them).`);
  return false;
}

/**
 * `npm test` builds first (pretest); running vitest directly still works on a fresh checkout or
 * after a change under web/: the same step as npm's, which builds only when the sources changed.
 */
export { ensureWebAppBuilt };

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // The test server listens on 127.0.0.1 and is addressed as localhost (server-process.ts).
      '--host-resolver-rules=MAP localhost 127.0.0.1',
    ],
  });
}

/** The built web app and a headless Chromium, for a suite that brings its own server (the demo). */
export async function startBrowser(): Promise<Browser> {
  ensureWebAppBuilt();
  return launchBrowser();
}

/** What a browser suite runs against: one fresh database, the real server on it, and Chromium. */
export interface BrowserWorld {
  target: DatabaseTarget;
  server: ServerProcess;
  /** The test's own handle on the server's database, opened after the server migrated it. */
  database: DatabaseHandle;
  /** For the factories: the same key file as the server, so seeded columns decrypt there. */
  factories: FactoryContext;
  browser: Browser;
  /** Closes Chromium, stops the server, closes the database and drops it. */
  stop(): Promise<void>;
}

/**
 * Starts a suite's world: the built web app, a fresh `dialect` database, a server process on it with
 * a fresh key file (plus `environment`), the test's handle on that database, and Chromium. What
 * started before a failure is stopped again before the error is thrown.
 */
export async function startBrowserWorld(
  dialect: DialectName,
  environment: Record<string, string> = {},
): Promise<BrowserWorld> {
  const started: Partial<BrowserWorld> = {};
  const stop = async () => {
    await started.browser?.close();
    await started.server?.kill('SIGTERM');
    await started.database?.close();
    if (started.target) await dropTarget(started.target);
  };
  try {
    ensureWebAppBuilt();
    const target = (started.target = await createTarget(dialect));
    const keys = JSON.stringify(generateKeyFile());
    const server = (started.server = await startServerProcess({
      target,
      // A fixed port, so the default public URL (http://localhost:<port>) is the page's origin:
      // passkeys are verified against it (approvers step up with one, ADR 0026).
      environment: { AMPARO_ENCRYPTION_KEYS: keys, PORT: String(await freePort()), ...environment },
    }));
    const database = (started.database = openDatabase(target));
    const factories = { database, clock: systemClock, crypto: createFieldCrypto(parseKeyFile(keys)) };
    const browser = (started.browser = await launchBrowser());
    return { target, server, database, factories, browser, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A fresh context per person; page errors and CSP violations fail the test. */
export async function newPerson(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(text)) problems.push(text);
  });
  return { context, page, problems };
}

/** axe-core on the current screen: no serious or critical violation. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  // addScriptTag would add an inline <script>, which our CSP rightly refuses; evaluation through
  // the DevTools protocol is not subject to the page's CSP.
  axeSource ??= fs.readFileSync(axePath, 'utf8');
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: () => Promise<{
            violations: { id: string; impact: string | null; nodes: { target: unknown }[] }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run();
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map(
        (violation) =>
          `${violation.id} (${violation.impact}): ${JSON.stringify(violation.nodes.slice(0, 3).map((node) => node.target))}`,
      );
  });
  expect(violations, `axe violations on ${screen}`).toEqual([]);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(screenshotDirectory, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDirectory, `${name}.png`), fullPage: true });
}

/** Who signs in: a password, and an authenticator app secret (base32) when the account has one. */
export interface SignInAccount {
  email: string;
  password: string;
  totpSecret?: string | null;
}

const lastUsedTotpStep = new Map<string, number>();

/**
 * A fresh authenticator code: the server refuses a 30-second step already used (replay) and
 * accepts one step ahead, so a second use within the same step takes the next one (or waits).
 */
export async function totpCode(account: Pick<SignInAccount, 'totpSecret'>): Promise<string> {
  const secret = account.totpSecret!;
  const totp = new TOTP({ secret: Secret.fromBase32(secret) });
  const used = lastUsedTotpStep.get(secret) ?? -1;
  let step = Math.max(Math.floor(Date.now() / 30_000), used + 1);
  while (step > Math.floor(Date.now() / 30_000) + 1) await new Promise((resolve) => setTimeout(resolve, 500));
  step = Math.max(step, Math.floor(Date.now() / 30_000));
  lastUsedTotpStep.set(secret, step);
  return totp.generate({ timestamp: step * 30_000 + 1_000 });
}

/** Signs in through the web app's own form (password, then the authenticator code if asked). */
export async function signInThroughTheApp(
  page: Page,
  baseUrl: string,
  account: SignInAccount,
): Promise<void> {
  await page.goto(`${baseUrl}/app/`);
  await page.fill('#field-email', account.email);
  await page.fill('#field-password', account.password);
  await page.click('button[type=submit]');
  if (account.totpSecret) {
    await page.waitForSelector('#field-code');
    await page.fill('#field-code', await totpCode(account));
    await page.click('button[type=submit]');
  }
  await page.waitForSelector('button:has-text("Sign out"), button:has-text("Cerrar sesión")');
}

/** Signs a factory-built member in with their password (and authenticator app when enrolled). */
export function signInMember(page: Page, baseUrl: string, member: BuiltMember): Promise<void> {
  return signInThroughTheApp(page, baseUrl, {
    email: member.email,
    password: member.password!,
    totpSecret: member.totpSecret,
  });
}

/** Switches the app's language with the top bar's selector and waits for the document to follow. */
export async function chooseLanguage(page: Page, language: 'en' | 'es' | 'ar'): Promise<void> {
  await page.selectOption('#language-select', language);
  await page.waitForFunction((expected) => document.documentElement.lang === expected, language);
}

/** WebAuthn needs a domain as relying party id (never an IP address), so the app runs on localhost. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address() as net.AddressInfo;
      probe.close(() => resolve(address.port));
    });
  });
}

/** A platform authenticator that holds discoverable passkeys and verifies the user. */
export async function addVirtualAuthenticator(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
    },
  });
}

/** A JSON call from inside the page, with its session cookie and CSRF token (as the app makes it). */
export async function callFromPage<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const session = (await (await fetch('/api/auth/session')).json()) as { csrfToken: string };
      const response = await fetch(path, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    },
    { method, path, body },
  );
}

const pageAuthenticators = new WeakMap<Page, { cdp: CDPSession; id: string }>();
/** Per credential, the signature counter the next page starts from (see addPasskeyToBrowser). */
const nextSignCount = new Map<string, number>();

/**
 * Puts a factory-built member's passkey (its real private key) into a virtual authenticator of this
 * page (CDP WebAuthn.addCredential), bound to the page's host as relying party: Chromium then
 * answers the app's passkey prompts with it, exactly as a phone or security key would. Called
 * before each use: the server refuses a signature counter that does not grow (a cloned key), and
 * the same passkey lives in several pages (people) of a suite, so each call re-adds it with a
 * counter above every one handed out before.
 */
export async function addPasskeyToBrowser(page: Page, member: Pick<BuiltMember, 'passkey'>): Promise<void> {
  const passkey = member.passkey;
  if (!passkey) throw new Error('This member was built without a passkey (withPasskey: false)');
  let authenticator = pageAuthenticators.get(page);
  if (!authenticator) {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
      },
    });
    authenticator = { cdp, id: authenticatorId };
    pageAuthenticators.set(page, authenticator);
  }
  const credentialId = Buffer.from(passkey.credentialId, 'base64url').toString('base64');
  await authenticator.cdp
    .send('WebAuthn.removeCredential', { authenticatorId: authenticator.id, credentialId })
    .catch(() => undefined); // not added to this page yet
  const signCount = nextSignCount.get(passkey.credentialId) ?? passkey.counter;
  nextSignCount.set(passkey.credentialId, signCount + 1000);
  await authenticator.cdp.send('WebAuthn.addCredential', {
    authenticatorId: authenticator.id,
    credential: {
      credentialId,
      isResidentCredential: false,
      rpId: new URL(page.url()).hostname,
      privateKey: passkey.privateKeyPkcs8(),
      signCount,
    },
  });
}

/**
 * Clicks, answers the step-up dialog if the server asks for it (with the member's passkey when
 * they have one, as approvers and admins must, otherwise an authenticator code), and waits for
 * `done`.
 */
export async function clickWithStepUp(page: Page, selector: string, member: BuiltMember, done: Locator) {
  await page.click(selector);
  const dialog = page.locator('dialog.step-up-dialog');
  // A code may be answered with "now the passkey" (ADR 0026): a second round at most.
  for (let round = 0; round < 2; round += 1) {
    await dialog.or(done).first().waitFor();
    if (!(await dialog.isVisible())) break;
    if (member.passkey) {
      await addPasskeyToBrowser(page, member);
      await page.click('#step-up-passkey');
    } else {
      await page.locator('#step-up-code').fill(await totpCode(member));
      await page.click('dialog.step-up-dialog button[type=submit]');
    }
    await dialog.waitFor({ state: 'hidden' });
  }
  await done.waitFor();
}

/**
 * A member without a passkey, shown "approving needs a passkey" in the step-up dialog: follows the
 * dialog's link to the account page and registers one in a fresh virtual authenticator (answering
 * the step-up there with an authenticator code if asked), as a person would on their phone.
 */
export async function registerPasskeyFromDialog(
  page: Page,
  account: Pick<SignInAccount, 'totpSecret'>,
): Promise<void> {
  await addVirtualAuthenticator(page);
  await page.click('#step-up-register-passkey');
  await page.waitForSelector('#add-passkey');
  await page.click('#add-passkey');
  const added = page.locator('#passkey-list li');
  const codeAsked = page.locator('#step-up-code');
  await added.or(codeAsked).first().waitFor();
  if (await codeAsked.isVisible()) {
    await codeAsked.fill(await totpCode(account));
    await page.click('dialog.step-up-dialog button[type=submit]');
  }
  await added.first().waitFor();
}

/** An operator report entered through the API from a signed-in page; answers with its incident. */
export async function operatorReport(
  page: Page,
  location: { lat: number; lon: number },
  description = 'Agents at the factory gate',
  category = 'workplace',
): Promise<string> {
  const { incidentId } = await callFromPage<{ incidentId: string }>(page, 'POST', '/api/reports', {
    channel: 'operator',
    category,
    location,
    description,
  });
  return incidentId;
}
