import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { intakeLayers } from '../../server/modules/intake/flood/index.ts';
import { systemClock } from '../../server/platform/clock/clock.ts';
import { createFieldCrypto } from '../../server/platform/crypto/field-crypto.ts';
import type { FieldCrypto } from '../../server/platform/crypto/field-crypto.ts';
import { generateKeyFile, parseKeyFile } from '../../server/platform/crypto/keyring.ts';
import { createTestDatabase, describeEachDatabase } from '../support/databases.ts';
import type { TestDatabase } from '../support/databases.ts';
import { buildNetwork } from '../support/factories.ts';
import { startServerProcess } from '../support/server-process.ts';
import type { ServerProcess } from '../support/server-process.ts';

/** Every limit scaled to a quarter: the per-source budget for unknown web reports becomes 5. */
const scale = 0.25;
const sourceLimit = Math.round(intakeLayers.unknownSource.limit * scale);

/**
 * Two real Amparo processes on one database (issue 27 item 3): an outsider who spreads reports
 * over both gets one budget, not one per process, whether the requests come one after another or
 * all at once.
 */
describeEachDatabase('outsider limits hold across two app processes', (dialect) => {
  let database: TestDatabase;
  let servers: ServerProcess[] = [];
  let keyDirectory: string;
  let crypto: FieldCrypto;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    // One deployment: both processes read the same key file, as they would in production.
    keyDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-keys-'));
    const keyFile = path.join(keyDirectory, 'keys.json');
    const keys = JSON.stringify(generateKeyFile());
    fs.writeFileSync(keyFile, keys, { mode: 0o600 });
    crypto = createFieldCrypto(parseKeyFile(keys));
    const environment = {
      AMPARO_KEY_FILE: keyFile,
      AMPARO_INTAKE_LIMIT_SCALE: String(scale),
      AMPARO_ROLE: 'web',
    };
    servers = await Promise.all([
      startServerProcess({ target: database.target, environment, timeoutMs: 60_000 }),
      startServerProcess({ target: database.target, environment, timeoutMs: 60_000 }),
    ]);
  }, 90_000);
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.kill('SIGKILL')));
    await database.destroy();
    fs.rmSync(keyDirectory, { recursive: true, force: true });
  });

  const newNetwork = () => buildNetwork({ clock: systemClock, database, crypto });
  const report = async (server: ServerProcess, slug: string, index: number): Promise<number> => {
    const response = await fetch(`${server.url}/api/public/${slug}/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      // One ZIP code: its per-area budget (30 a minute at this scale) is not what this test is about.
      body: JSON.stringify({ category: index % 2 === 0 ? 'checkpoint' : 'street_stop', zip: '60608' }),
      signal: AbortSignal.timeout(20_000),
    });
    await response.body?.cancel();
    return response.status;
  };

  it('counts one source once, alternating between the processes', async () => {
    const { slug } = await newNetwork();
    const statuses: number[] = [];
    for (let index = 0; index < sourceLimit + 3; index += 1) {
      statuses.push(await report(servers[index % 2]!, slug, index));
    }
    // Per-process limits would have accepted every one of these (each process saw fewer than 5).
    expect(statuses).toEqual([...Array<number>(sourceLimit).fill(201), ...Array<number>(3).fill(429)]);
  }, 60_000);

  // Several processes at once is a PostgreSQL deployment; SQLite runs one process (ARCHITECTURE.md),
  // where concurrent writers from two processes would wait on SQLite's file lock, not on the limit.
  it('loses no count when both processes are hit at once', async () => {
    const { slug } = await newNetwork();
    const targets = dialect === 'postgres' ? servers : [servers[0]!];
    const statuses = await Promise.all(
      Array.from({ length: 4 * sourceLimit }, (_, index) =>
        report(targets[index % targets.length]!, slug, index),
      ),
    );
    expect(statuses.filter((status) => status === 201)).toHaveLength(sourceLimit);
    expect(statuses.filter((status) => status === 429)).toHaveLength(3 * sourceLimit);
  }, 60_000);

  it('leaves another network its own budget', async () => {
    const flooded = await newNetwork();
    const other = await newNetwork();
    for (let index = 0; index < sourceLimit + 2; index += 1)
      await report(servers[index % 2]!, flooded.slug, index);
    expect(await report(servers[1]!, other.slug, 0)).toBe(201);
  }, 60_000);

  it('limits password guesses against one account across both processes', async () => {
    const attempt = async (server: ServerProcess) => {
      const response = await fetch(`${server.url}/api/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'target@example.test', password: 'a wrong password, long enough' }),
        signal: AbortSignal.timeout(20_000),
      });
      await response.body?.cancel();
      return response.status;
    };
    const statuses: number[] = [];
    // 10 per account and 15 minutes; each process alone would allow 10.
    for (let index = 0; index < 12; index += 1) statuses.push(await attempt(servers[index % 2]!));
    expect(statuses).toEqual([...Array<number>(10).fill(401), 429, 429]);
  }, 60_000);
});
