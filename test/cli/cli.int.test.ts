import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { disableAppendOnlyGuards } from '../support/audit-guards.ts';
import { createManualClock } from '../../server/platform/clock/clock.ts';
import { createFieldCrypto } from '../../server/platform/crypto/field-crypto.ts';
import { generateKeyFile, parseKeyFile } from '../../server/platform/crypto/keyring.ts';
import { openDatabase } from '../../server/platform/database/database.ts';
import type { DatabaseTarget } from '../../server/platform/database/database.ts';
import { createTarget, describeEachDatabase, dropTarget, environmentFor } from '../support/databases.ts';
import { buildMember, buildNetwork } from '../support/factories.ts';
import { runCliProcess } from './cli-process.ts';

const dayMs = 24 * 60 * 60 * 1000;
// Each step spawns a process that compiles TypeScript on start: seconds each on a busy machine.
const processTestTimeoutMs = 120_000;

describe('amparo CLI without a database', () => {
  it('rejects an unknown command with the usage on stderr and exit code 2', async () => {
    const result = await runCliProcess(['frobnicate'], { AMPARO_DATA_DIR: os.tmpdir() });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown command: frobnicate');
    expect(result.stderr).toContain('Usage: amparo <command>');
    expect(result.stdout).toBe('');
  });

  it('rejects an unknown flag with exit code 2', async () => {
    const result = await runCliProcess(['purge', '--everything'], { AMPARO_DATA_DIR: os.tmpdir() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Unknown|Unexpected argument/);
  });

  it('check-config exits 78 naming the bad variable', async () => {
    const result = await runCliProcess(['check-config'], { AMPARO_WORKER_CONCURRENCY: 'lots' });
    expect(result.code).toBe(78);
    expect(result.stderr).toContain('AMPARO_WORKER_CONCURRENCY');
    expect(result.stdout).toBe('');
  });

  it('check-config prints resolved settings without secrets', async () => {
    const result = await runCliProcess(['check-config'], {
      AMPARO_DATA_DIR: os.tmpdir(),
      DATABASE_URL: 'postgres://amparo:hunter2secret@db.internal:5432/amparo',
      TWILIO_ACCOUNT_SID: 'AC0123456789',
      TWILIO_AUTH_TOKEN: 'tokensecretvalue',
      TWILIO_FROM: '+13125550100',
      SMTP_URL: 'smtp://mailer:smtpsecret@mail.internal:587',
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('PostgreSQL postgres://amparo:***@db.internal:5432/amparo');
    expect(result.stdout).toContain('account AC0123456789');
    for (const secret of ['hunter2secret', 'tokensecretvalue', 'smtpsecret'])
      expect(result.stdout).not.toContain(secret);
  });
});

describeEachDatabase('amparo CLI', (dialect) => {
  let target: DatabaseTarget | undefined;
  let dataDirectory: string | undefined;

  async function prepare(): Promise<Record<string, string>> {
    target = await createTarget(dialect);
    dataDirectory =
      target.kind === 'sqlite'
        ? path.dirname(target.file)
        : fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-cli-'));
    return environmentFor(target, dataDirectory);
  }

  afterEach(async () => {
    if (target) await dropTarget(target);
    if (dataDirectory) fs.rmSync(dataDirectory, { recursive: true, force: true });
    target = undefined;
    dataDirectory = undefined;
  }, processTestTimeoutMs);

  it(
    'migrate applies every migration once',
    async () => {
      const environment = await prepare();
      const first = await runCliProcess(['migrate'], environment);
      expect(first.code).toBe(0);
      expect(first.stdout).toContain('applied 2026_11_29_0001_foundation');
      const second = await runCliProcess(['migrate'], environment);
      expect(second).toMatchObject({ code: 0, stdout: 'The database is up to date.\n' });
    },
    processTestTimeoutMs,
  );

  it(
    'purge refuses an unmigrated database',
    async () => {
      const environment = await prepare();
      const result = await runCliProcess(['purge'], environment);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('amparo migrate');
    },
    processTestTimeoutMs,
  );

  it(
    'purge deletes expired rows, keeps live ones, and leaves no trace of them in the files',
    async () => {
      const environment = await prepare();
      expect((await runCliProcess(['migrate'], environment)).code).toBe(0);
      const markers = await plantRows(target!);
      if (target!.kind === 'sqlite') {
        const before = sqliteBytes(target!.file);
        for (const marker of [...markers.deleted, ...markers.kept]) expect(before).toContain(marker);
      }

      const result = await runCliProcess(['purge'], environment);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^\s*1 {2}expired or revoked sessions$/m);
      expect(result.stdout).toMatch(/^\s*1 {2}invitations expired, used or revoked over 30 days ago$/m);
      expect(result.stdout).toMatch(/^\s*1 {2}expired passkey challenges$/m);
      expect(result.stdout).toMatch(/^\s*1 {2}used or expired setup links$/m);
      expect(result.stdout).toMatch(/^\s*1 {2}jobs done over 7 days ago$/m);
      expect(result.stdout).toContain('Deleted 5 row(s).');

      const handle = openDatabase(target!);
      try {
        const sessions = await handle.db.selectFrom('sessions').select('token_hash').execute();
        expect(sessions.map((row) => row.token_hash)).toEqual([markers.kept[0]]);
        expect(await handle.db.selectFrom('invitations').select('token_hash').execute()).toEqual([
          { token_hash: markers.kept[1] },
        ]);
        expect(await handle.db.selectFrom('jobs').select('name').execute()).toEqual([{ name: 'test.kept' }]);
      } finally {
        await handle.close();
      }
      if (target!.kind === 'sqlite') {
        const after = sqliteBytes(target!.file);
        for (const marker of markers.deleted) expect(after, marker).not.toContain(marker);
        for (const marker of markers.kept) expect(after, marker).toContain(marker);
      }
    },
    processTestTimeoutMs,
  );

  it(
    'create-admin reads the password from stdin, then audit verify passes, and fails once tampered',
    async () => {
      const environment = await prepare();
      const args = [
        'create-admin',
        '--network-name',
        'CLI Net',
        '--slug',
        'cli-net',
        '--timezone',
        'America/Chicago',
      ];
      args.push('--name', 'Admin', '--email', 'admin@cli.example');
      const created = await runCliProcess(args, environment, { stdin: 'a long enough password 42\n' });
      expect(created.stderr).toBe('');
      expect(created.code).toBe(0);
      const again = await runCliProcess(args, environment, { stdin: 'a long enough password 42\n' });
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('SETUP_ALREADY_DONE');

      const intact = await runCliProcess(['audit', 'verify'], environment);
      expect(intact.code).toBe(0);
      expect(intact.stdout).toMatch(/intact/);
      expect(intact.stdout).not.toMatch(/BROKEN/);

      const handle = openDatabase(target!);
      try {
        await disableAppendOnlyGuards(handle.db, handle.dialect);
        await handle.db
          .updateTable('audit_log')
          .set({ metadata: '{"via":"forged"}' })
          .where('seq', '=', 1)
          .execute();
      } finally {
        await handle.close();
      }
      const broken = await runCliProcess(['audit', 'verify'], environment);
      expect(broken.code).toBe(1);
      expect(broken.stdout).toContain('BROKEN at entry 1');
    },
    processTestTimeoutMs,
  );

  it(
    'setup-link prints a link while no network exists, and refuses afterwards',
    async () => {
      const environment = await prepare();
      const link = await runCliProcess(['setup-link'], {
        ...environment,
        AMPARO_PUBLIC_URL: 'https://rrn.example',
      });
      expect(link.code).toBe(0);
      expect(link.stdout).toMatch(/https:\/\/rrn\.example\/setup\/[A-Za-z0-9_-]{43}\n/);
      const handle = openDatabase(target!);
      try {
        await buildNetwork({ database: handle, crypto: testCrypto(), clock: createManualClock(Date.now()) });
      } finally {
        await handle.close();
      }
      const refused = await runCliProcess(['setup-link'], environment);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('already set up');
    },
    processTestTimeoutMs,
  );
  it(
    'demo seeds an empty database once, with a loud warning, and --serve runs the server',
    async () => {
      const environment = await prepare();
      const seeded = await runCliProcess(['demo'], environment);
      expect(seeded.stderr).toBe('');
      expect(seeded.code).toBe(0);
      expect(seeded.stdout).toContain('DEMO DATA ONLY');
      expect(seeded.stdout).toContain('demo-admin@demo.amparo.invalid');
      expect(seeded.stdout).toMatch(/authenticator app secret: [A-Z2-7]{32}/);

      const served = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'demo', '--serve'], {
        cwd: path.resolve(import.meta.dirname, '../..'),
        env: { PATH: process.env.PATH ?? '', AMPARO_LOG_LEVEL: 'warn', PORT: '0', ...environment },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const exited = new Promise<number | null>((resolve) => served.once('exit', resolve));
      try {
        const output = await new Promise<string>((resolve, reject) => {
          let text = '';
          served.stdout.on('data', (chunk: Buffer) => {
            text += chunk.toString();
            if (/running at http:\/\/\S+/.test(text)) resolve(text);
          });
          void exited.then(() => reject(new Error(`demo --serve exited early:\n${text}`)));
        });
        // Started again, the demo seeds nothing new and prints the same sign-ins (saved beside
        // its data): a fresh seed would have printed new authenticator secrets.
        const firstSecret = /authenticator app secret: ([A-Z2-7]{32})/.exec(seeded.stdout)![1]!;
        expect(output).toContain(firstSecret);
        const url = /running at (http:\/\/\S+) /.exec(output)![1]!.replace('[::1]', '127.0.0.1');
        const stylesheet = await fetch(`${url}/assets/public.css`);
        expect(stylesheet.status).toBe(200);
      } finally {
        served.kill('SIGTERM');
      }
      expect(await exited).toBe(0);
    },
    processTestTimeoutMs,
  );
});

function testCrypto() {
  return createFieldCrypto(parseKeyFile(JSON.stringify(generateKeyFile())));
}

/** Rows on both sides of every retention line, each carrying a unique marker string. */
async function plantRows(target: DatabaseTarget): Promise<{ deleted: string[]; kept: string[] }> {
  const handle = openDatabase(target);
  const now = Date.now();
  const clock = createManualClock(now);
  const unique = Math.random().toString(36).slice(2, 10);
  const marker = (label: string) => `PURGE-MARKER-${label}-${unique}`;
  try {
    const context = { database: handle, crypto: testCrypto(), clock };
    const network = await buildNetwork(context);
    const member = await buildMember(context, { networkId: network.id, roles: [{ role: 'admin' }] });
    const session = (id: string, tokenHash: string, expiresAt: number) => ({
      id,
      token_hash: tokenHash,
      member_id: member.id,
      network_id: network.id,
      created_at: now - 2 * dayMs,
      last_seen_at: now - 2 * dayMs,
      expires_at: expiresAt,
      second_factor_at: null,
      revoked_at: null,
    });
    await handle.db
      .insertInto('sessions')
      .values([
        session(`s-old-${unique}`, marker('session'), now - dayMs),
        session(`s-new-${unique}`, marker('live-session'), now + dayMs),
      ])
      .execute();
    const invitation = (id: string, tokenHash: string, expiresAt: number) => ({
      id,
      network_id: network.id,
      token_hash: tokenHash,
      roles: '[]',
      created_by: member.id,
      created_at: expiresAt - 7 * dayMs,
      expires_at: expiresAt,
      used_at: null,
      used_by: null,
      revoked_at: null,
    });
    await handle.db
      .insertInto('invitations')
      .values([
        invitation(`i-old-${unique}`, marker('invitation'), now - 31 * dayMs),
        invitation(`i-new-${unique}`, marker('recent-invitation'), now - dayMs),
      ])
      .execute();
    await handle.db
      .insertInto('webauthn_challenges')
      .values({
        id: `c-${unique}`,
        member_id: member.id,
        challenge: marker('challenge'),
        purpose: 'authenticate',
        expires_at: now - 1000,
      })
      .execute();
    await handle.db
      .insertInto('setup_tokens')
      .values({
        token_hash: marker('setup'),
        created_at: now - dayMs,
        expires_at: now + dayMs,
        used_at: now - 1000,
      })
      .execute();
    const job = (id: string, name: string, payload: string, finishedAt: number) => ({
      id,
      name,
      payload,
      idempotency_key: null,
      status: 'done' as const,
      run_at: finishedAt,
      attempts: 1,
      max_attempts: 3,
      locked_by: null,
      locked_until: null,
      last_error: null,
      created_at: finishedAt,
      finished_at: finishedAt,
    });
    await handle.db
      .insertInto('jobs')
      .values([
        job(`j-old-${unique}`, 'test.old', JSON.stringify({ note: marker('job') }), now - 8 * dayMs),
        job(`j-new-${unique}`, 'test.kept', '{}', now - dayMs),
      ])
      .execute();
  } finally {
    await handle.close();
  }
  return {
    deleted: [marker('session'), marker('invitation'), marker('challenge'), marker('setup'), marker('job')],
    kept: [marker('live-session'), marker('recent-invitation')],
  };
}

/** The database file and its write-ahead log, as an attacker holding the disk would read them. */
function sqliteBytes(file: string): string {
  return [file, `${file}-wal`, `${file}-journal`]
    .filter((name) => fs.existsSync(name))
    .map((name) => fs.readFileSync(name).toString('latin1'))
    .join('\n');
}
