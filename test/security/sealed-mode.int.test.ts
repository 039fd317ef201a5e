import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import { generateKeyFile, writeKeyFile } from '../../server/platform/crypto/keyring.ts';
import type { DatabaseTarget } from '../../server/platform/database/database.ts';
import { runCliProcess } from '../cli/cli-process.ts';
import { createTarget, describeEachDatabase, dropTarget, environmentFor } from '../support/databases.ts';
import { startServerProcess } from '../support/server-process.ts';
import type { ServerProcess } from '../support/server-process.ts';

// Issue 15 item 1, sealed mode (ADR 0030): a powered-off disk gives up nothing, and a restarted
// server serves nothing until an admin unseals it.
const passphrase = 'correct horse battery staple';
const servers: ServerProcess[] = [];
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) await server.kill('SIGKILL');
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

interface Deployment {
  target: DatabaseTarget;
  keyFile: string;
  environment: Record<string, string>;
}

async function sealedDeployment(dialect: 'sqlite' | 'postgres'): Promise<Deployment> {
  const target = await createTarget(dialect);
  const dataDirectory =
    target.kind === 'sqlite'
      ? path.dirname(target.file)
      : fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-data-'));
  // Short path: the unseal socket lives beside the key file (a Unix socket path has ~100 bytes).
  const keyDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'ak-'));
  fs.chmodSync(keyDirectory, 0o700);
  const keyFile = path.join(keyDirectory, 'keys.json');
  const keys = generateKeyFile();
  writeKeyFile(keyFile, keys);
  cleanups.push(async () => {
    fs.rmSync(keyDirectory, { recursive: true, force: true });
    if (target.kind === 'postgres') fs.rmSync(dataDirectory, { recursive: true, force: true });
    await dropTarget(target);
  });
  const environment = { ...environmentFor(target, dataDirectory), AMPARO_KEY_FILE: keyFile };
  const sealed = await runCliProcess(['seal'], environment, { stdin: `${passphrase}\n` });
  expect(sealed.stderr).toBe('');
  expect(sealed.code).toBe(0);
  // The key file no longer holds any key in the clear.
  const onDisk = fs.readFileSync(keyFile, 'utf8');
  for (const material of [...Object.values(keys.keys), keys.indexKey]) expect(onDisk).not.toContain(material);
  expect(JSON.parse(onDisk)).toMatchObject({
    version: 1,
    sealed: { by: 'passphrase', kdf: { algorithm: 'argon2id' } },
  });
  return { target, keyFile, environment };
}

async function startSealed(deployment: Deployment): Promise<ServerProcess> {
  const server = await startServerProcess({
    target: deployment.target,
    environment: { AMPARO_KEY_FILE: deployment.keyFile },
    readyMessage: 'amparo is sealed',
    timeoutMs: 30_000,
  });
  servers.push(server);
  return server;
}

async function tableCount(target: DatabaseTarget): Promise<number> {
  if (target.kind === 'sqlite') return fs.existsSync(target.file) ? -1 : 0;
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    const result = await client.query<{ count: string }>(
      'select count(*) as count from information_schema.tables where table_schema = $1',
      [target.schema],
    );
    return Number(result.rows[0]?.count);
  } finally {
    await client.end();
  }
}

async function json(response: Response): Promise<{ status: number; body: Record<string, unknown> }> {
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function errorCode(body: Record<string, unknown>): unknown {
  return (body.error as { code?: unknown } | undefined)?.code;
}

describeEachDatabase('sealed mode', (dialect) => {
  it('starts sealed, serves nothing, refuses a wrong passphrase, unseals with the right one, and is sealed again after a restart', async () => {
    const deployment = await sealedDeployment(dialect);
    const server = await startSealed(deployment);

    // Sealed: liveness says so; everything else is a 503 with a stable code and no data.
    expect(await json(await fetch(`${server.url}/healthz`))).toEqual({
      status: 200,
      body: { status: 'sealed' },
    });
    expect((await fetch(`${server.url}/readyz`)).status).toBe(503);
    for (const [method, url] of [
      ['GET', '/api/session'],
      ['GET', '/api/incidents'],
      ['POST', '/api/auth/sign-in'],
      ['POST', '/r/some-network/report'],
    ] as const) {
      const answer = await fetch(`${server.url}${url}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: method === 'POST' ? '{}' : undefined,
      });
      expect(answer.status, `${method} ${url}`).toBe(503);
      if (url.startsWith('/api/')) expect(errorCode((await json(answer)).body)).toBe('SERVER_SEALED');
    }
    const notice = await fetch(`${server.url}/`);
    expect(notice.status).toBe(503);
    expect(await notice.text()).toContain('This Amparo server is sealed');
    // No database was opened: nothing migrated, no job could have run.
    expect(await tableCount(deployment.target)).toBe(0);

    // A wrong passphrase, from the CLI (local socket) and from the page: a clear error, nothing changes.
    const wrong = await runCliProcess(['unseal'], deployment.environment, { stdin: 'not the passphrase\n' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('Wrong passphrase');
    const wrongPage = await json(
      await fetch(`${server.url}/api/system/unseal`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ passphrase: 'also wrong' }),
      }),
    );
    expect(wrongPage.status).toBe(403);
    expect(errorCode(wrongPage.body)).toBe('UNSEAL_PASSPHRASE_WRONG');
    // Malformed input: a stable 4xx, never a 500.
    for (const body of ['{"passphrase":42}', '{"passphrase":"x","extra":1}', 'not json', '{}']) {
      const answer = await fetch(`${server.url}/api/system/unseal`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(answer.status, body).toBeGreaterThanOrEqual(400);
      expect(answer.status, body).toBeLessThan(500);
    }
    // A page of another site cannot try passphrases through a visitor's browser.
    const foreign = await fetch(`${server.url}/api/system/unseal`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ passphrase }),
    });
    expect(foreign.status).toBe(403);
    expect(await json(await fetch(`${server.url}/healthz`))).toEqual({
      status: 200,
      body: { status: 'sealed' },
    });
    expect(await tableCount(deployment.target)).toBe(0);

    // The right passphrase: the server starts in full on the same port.
    const right = await runCliProcess(['unseal'], deployment.environment, { stdin: `${passphrase}\n` });
    expect(right.stderr).toBe('');
    expect(right.code).toBe(0);
    await expect
      .poll(
        async () =>
          (await fetch(`${server.url}/healthz`)
            .then((r) => r.json())
            .catch(() => null)) as unknown,
        {
          timeout: 30_000,
          interval: 250,
        },
      )
      .toEqual({ status: 'ok' });
    await expect.poll(() => server.lines.join('\n'), { timeout: 15_000 }).toContain('"amparo started"');
    expect((await json(await fetch(`${server.url}/readyz`))).body).toMatchObject({ status: 'ready' });
    expect(await tableCount(deployment.target)).not.toBe(0);
    expect(fs.existsSync(path.join(path.dirname(deployment.keyFile), 'unseal.sock'))).toBe(false);

    // Key rotation keeps working on a sealed keyring, and keeps it sealed under the same passphrase.
    const rotated = await runCliProcess(['keys', 'rotate'], deployment.environment, {
      stdin: `${passphrase}\n`,
    });
    expect(rotated.stderr).toBe('');
    expect(rotated.code).toBe(0);
    expect(JSON.parse(fs.readFileSync(deployment.keyFile, 'utf8'))).toHaveProperty('sealed.by', 'passphrase');

    // A restart is sealed again.
    await server.kill('SIGTERM');
    const restarted = await startSealed(deployment);
    expect((await json(await fetch(`${restarted.url}/healthz`))).body).toEqual({ status: 'sealed' });
    expect(errorCode((await json(await fetch(`${restarted.url}/api/session`))).body)).toBe('SERVER_SEALED');
  }, 120_000);
});

it('rate-limits unseal attempts per channel: the page locks after five wrong passphrases, the local socket still unseals', async () => {
  const deployment = await sealedDeployment('sqlite');
  const server = await startSealed(deployment);
  const attempt = (value: string) =>
    fetch(`${server.url}/api/system/unseal`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ passphrase: value }),
    }).then(json);
  for (let index = 0; index < 5; index += 1) {
    expect(errorCode((await attempt(`wrong ${index}`)).body)).toBe('UNSEAL_PASSPHRASE_WRONG');
  }
  const limited = await fetch(`${server.url}/api/system/unseal`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ passphrase }),
  });
  expect(limited.status).toBe(429);
  expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(errorCode((await json(limited)).body)).toBe('UNSEAL_RATE_LIMITED');
  expect((await json(await fetch(`${server.url}/healthz`))).body).toEqual({ status: 'sealed' });

  const right = await runCliProcess(['unseal'], deployment.environment, { stdin: `${passphrase}\n` });
  expect(right.code).toBe(0);
  await expect.poll(() => server.lines.join('\n'), { timeout: 30_000 }).toContain('"amparo started"');
}, 120_000);

it('a credential-sealed keyring opens with the service manager credential, and refuses to start (78) without it', async () => {
  const target = await createTarget('sqlite');
  if (target.kind !== 'sqlite') throw new Error('a SQLite target');
  const keyDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'ak-'));
  const credentialsDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'cred-'));
  cleanups.push(async () => {
    fs.rmSync(keyDirectory, { recursive: true, force: true });
    fs.rmSync(credentialsDirectory, { recursive: true, force: true });
    await dropTarget(target);
  });
  const keyFile = path.join(keyDirectory, 'keys.json');
  writeKeyFile(keyFile, generateKeyFile());
  const credential = path.join(credentialsDirectory, 'amparo-keyring-key');
  fs.writeFileSync(credential, `${Buffer.alloc(48, 7).toString('base64')}\n`, { mode: 0o600 });
  const environment = { ...environmentFor(target, path.dirname(target.file)), AMPARO_KEY_FILE: keyFile };
  const sealed = await runCliProcess(['seal', '--credential', credential], environment);
  expect(sealed.code).toBe(0);

  const refused = await runCliProcess(['keys', 'rotate'], environment);
  expect(refused.code).toBe(78);
  expect(refused.stderr).toContain('AMPARO_KEYRING_CREDENTIAL');

  // systemd's LoadCredential: $CREDENTIALS_DIRECTORY/amparo-keyring-key.
  const server = await startServerProcess({
    target,
    environment: { AMPARO_KEY_FILE: keyFile, CREDENTIALS_DIRECTORY: credentialsDirectory },
    timeoutMs: 30_000,
  });
  servers.push(server);
  expect((await json(await fetch(`${server.url}/healthz`))).body).toEqual({ status: 'ok' });

  // A different credential does not open it, and the seal stays as it was.
  fs.writeFileSync(credential, `${Buffer.alloc(48, 9).toString('base64')}\n`);
  const before = fs.readFileSync(keyFile, 'utf8');
  const off = await runCliProcess(['seal', '--off', '--credential', credential], environment);
  expect(off.code).toBe(1);
  expect(off.stderr).toContain('does not open');
  expect(fs.readFileSync(keyFile, 'utf8')).toBe(before);
}, 120_000);
