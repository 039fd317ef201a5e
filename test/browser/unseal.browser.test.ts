import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DialectName } from '../../server/platform/database/database.ts';
import { sealKeyFile } from '../../server/platform/crypto/index.ts';
import { generateKeyFile, writeKeyFile } from '../../server/platform/crypto/keyring.ts';
import { createTarget, describeEachDatabase, dropTarget } from '../support/databases.ts';
import type { DatabaseTarget } from '../../server/platform/database/database.ts';
import { startServerProcess } from '../support/server-process.ts';
import type { ServerProcess } from '../support/server-process.ts';
import {
  ensureWebAppBuilt,
  expectAccessible,
  launchBrowser,
  newPerson,
  screenshot,
  shouldRunBrowserTests,
} from './browser-support.ts';

// Sealed mode's unseal screen (ADR 0030), driven in Chromium: a wrong passphrase says so and
// leaves the server sealed; the right one starts it, and the page moves on to sign-in.
const passphrase = 'unseal me with four words';
const isEnabled = shouldRunBrowserTests();

if (!isEnabled)
  describe.skip('unseal screen in Chromium (Chromium not installed)', () =>
    it('unseals from the page', () => undefined));
else describeEachDatabase('unseal screen in Chromium', (dialect) => unsealScreen(dialect));

function unsealScreen(dialect: DialectName): void {
  let target: DatabaseTarget;
  let keyDirectory: string;
  let server: ServerProcess;
  let browser: Browser;

  beforeAll(async () => {
    ensureWebAppBuilt();
    target = await createTarget(dialect);
    keyDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'ak-'));
    const keyFile = path.join(keyDirectory, 'keys.json');
    writeKeyFile(keyFile, generateKeyFile());
    await sealKeyFile({ filePath: keyFile, by: 'passphrase', secret: passphrase });
    server = await startServerProcess({
      target,
      environment: { AMPARO_KEY_FILE: keyFile },
      readyMessage: 'amparo is sealed',
      timeoutMs: 30_000,
    });
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser.close();
    await server.kill('SIGTERM');
    await dropTarget(target);
    fs.rmSync(keyDirectory, { recursive: true, force: true });
  });

  it('shows the unseal screen, refuses a wrong passphrase, and unseals with the right one', async () => {
    const { page, problems, context } = await newPerson(browser);
    await page.goto(`${server.url}/app/`);
    await page.waitForSelector('#unseal');
    expect(await page.textContent('#unseal-title')).toBe('This server is sealed');
    await expectAccessible(page, 'unseal screen');
    await screenshot(page, `unseal-${dialect}`);

    await page.fill('#field-passphrase', 'not the passphrase');
    await page.click('#unseal button[type=submit]');
    await page.waitForSelector('#unseal [role=alert], #unseal .error');
    expect(await page.textContent('#unseal')).toContain('Wrong passphrase. Nothing was changed.');
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: 'sealed' });

    await page.fill('#field-passphrase', passphrase);
    await page.click('#unseal button[type=submit]');
    // Unsealed: the same page, without reloading, moves on to sign-in.
    await page.waitForSelector('#field-email', { timeout: 60_000 });
    expect(await page.$('#unseal')).toBeNull();
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: 'ok' });
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);
}
