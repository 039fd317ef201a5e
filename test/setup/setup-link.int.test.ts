import { afterAll, expect, it } from 'vitest';
import { createTarget, describeEachDatabase, dropTarget } from '../support/databases.ts';
import { startServerProcess } from '../support/server-process.ts';
import type { ServerProcess } from '../support/server-process.ts';
import type { DatabaseTarget } from '../../server/platform/database/database.ts';

describeEachDatabase('setup link on a fresh deployment (real process)', (dialect) => {
  const started: ServerProcess[] = [];
  let target: DatabaseTarget | undefined;
  afterAll(async () => {
    for (const server of started) await server.kill();
    if (target) await dropTarget(target);
  });

  it('prints a one-time link on the console (never a default password) that creates the first admin', async () => {
    target = await createTarget(dialect);
    const server = await startServerProcess({ target });
    started.push(server);
    const linkLine = server.lines.find((line) => line.includes('/setup/'));
    expect(linkLine).toBeDefined();
    expect(server.lines.join('\n')).not.toMatch(/password/i);
    const token = /\/setup\/([A-Za-z0-9_-]{43})/.exec(linkLine!)![1]!;

    const page = await fetch(`${server.url}/setup/${token}`);
    expect(page.status).toBe(200);
    const created = await fetch(`${server.url}/setup/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        networkName: 'Little Village Defense',
        slug: 'little-village',
        timezone: 'America/Chicago',
        adminDisplayName: 'Jo',
        email: 'jo@example.test',
        password: 'a long enough passphrase',
      }),
    });
    expect(created.status).toBe(201);
    const reused = await fetch(`${server.url}/setup/${token}`);
    expect(reused.status).toBe(409);
    await server.kill();

    // Once set up, a restart prints no link.
    const restarted = await startServerProcess({ target });
    started.push(restarted);
    expect(restarted.lines.some((line) => line.includes('/setup/'))).toBe(false);
    // Two real server starts: generous on a loaded machine.
  }, 120_000);
});
