import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openDatabase } from '../../server/platform/database/database.ts';
import type { DatabaseTarget } from '../../server/platform/database/database.ts';
import { runCliProcess } from '../cli/cli-process.ts';
import { createTarget, describeEachDatabase, dropTarget, environmentFor } from '../support/databases.ts';

// Each step spawns a process that compiles TypeScript on start: seconds each on a busy machine.
const processTestTimeoutMs = 180_000;

describeEachDatabase('amparo operator create / network create', (dialect) => {
  let target: DatabaseTarget | undefined;
  let dataDirectory: string | undefined;

  afterEach(async () => {
    if (target) await dropTarget(target);
    if (dataDirectory) fs.rmSync(dataDirectory, { recursive: true, force: true });
    target = undefined;
    dataDirectory = undefined;
  }, processTestTimeoutMs);

  it(
    'prints an operator setup link and a second network with its first admin link, audited',
    async () => {
      target = await createTarget(dialect);
      dataDirectory =
        target.kind === 'sqlite'
          ? path.dirname(target.file)
          : fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-cli-'));
      const environment = {
        ...environmentFor(target, dataDirectory),
        AMPARO_PUBLIC_URL: 'https://rrn.example',
      };

      const missing = await runCliProcess(['operator', 'create'], environment);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('--email');

      const operator = await runCliProcess(
        ['operator', 'create', '--email', 'op@coalition.example'],
        environment,
      );
      expect(operator.stderr).toBe('');
      expect(operator.code).toBe(0);
      expect(operator.stdout).toMatch(/https:\/\/rrn\.example\/app\/#\/operator\/setup\/[A-Za-z0-9_-]{43}\n/);

      const created = await runCliProcess(
        ['network', 'create', '--name', 'Second network', '--slug', 'second-rrn', '--languages', 'es,en'],
        environment,
      );
      expect(created.stderr).toBe('');
      expect(created.code).toBe(0);
      const link = /https:\/\/rrn\.example\/setup\/([A-Za-z0-9_-]{43})/.exec(created.stdout);
      expect(link).not.toBeNull();

      const again = await runCliProcess(
        ['network', 'create', '--name', 'Again', '--slug', 'second-rrn'],
        environment,
      );
      expect(again.code).not.toBe(0);
      expect(again.stderr).toContain('NETWORK_SLUG_TAKEN');

      const handle = openDatabase(target);
      try {
        const network = await handle.db
          .selectFrom('networks')
          .select(['id', 'name', 'languages', 'suspended_at'])
          .where('slug', '=', 'second-rrn')
          .executeTakeFirstOrThrow();
        expect(network).toMatchObject({
          name: 'Second network',
          languages: '["es","en"]',
          suspended_at: null,
        });
        const tokens = await handle.db.selectFrom('setup_tokens').select(['network_id', 'used_at']).execute();
        expect(tokens).toEqual([{ network_id: network.id, used_at: null }]);
        const operators = await handle.db
          .selectFrom('operators')
          .select(['email_enc', 'password_hash'])
          .execute();
        expect(operators).toHaveLength(1);
        // The email is stored encrypted, and no password exists before the link is used.
        expect(operators[0]!.email_enc).not.toContain('coalition.example');
        expect(operators[0]!.password_hash).toBeNull();
        const audit = await handle.db
          .selectFrom('audit_log')
          .select(['action', 'metadata'])
          .where('chain', '=', '-')
          .execute();
        expect(audit.map((row) => row.action)).toEqual(['operator.created', 'operator.networkCreated']);
        expect(JSON.parse(audit[1]!.metadata)).toMatchObject({ via: 'command-line', slug: 'second-rrn' });
      } finally {
        await handle.close();
      }
    },
    processTestTimeoutMs,
  );
});
