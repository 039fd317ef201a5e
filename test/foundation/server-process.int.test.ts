import { spawnSync } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createTarget, describeEachDatabase, dropTarget } from '../support/databases.ts';
import type { DatabaseTarget } from '../../server/platform/database/database.ts';
import { startServerProcess } from '../support/server-process.ts';
import type { ServerProcess } from '../support/server-process.ts';

const repositoryRoot = path.resolve(import.meta.dirname, '../..');

it('refuses to start on a bad configuration value, naming the variable', () => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: repositoryRoot,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: 'not-a-port',
      DATABASE_URL: 'mysql://nope',
      AMPARO_ROLE: 'boss',
    },
    encoding: 'utf8',
    timeout: 20_000,
  });
  expect(result.status).toBe(78);
  expect(result.stderr).toContain('PORT');
  expect(result.stderr).toContain('DATABASE_URL');
  expect(result.stderr).toContain('AMPARO_ROLE');
  expect(result.stderr).not.toMatch(/at .*\.ts:\d+/); // a message, not a stack trace
});

describeEachDatabase('a real server process', (dialect) => {
  let server: ServerProcess | undefined;
  let target: DatabaseTarget | undefined;
  afterEach(async () => {
    await server?.kill('SIGKILL');
    if (target) await dropTarget(target);
    server = undefined;
    target = undefined;
  });

  it('prints a one-time setup link on an empty database, and never a password', async () => {
    target = await createTarget(dialect);
    server = await startServerProcess({ target });
    const output = server.lines.join('\n');
    expect(output).toMatch(/\/setup\/[A-Za-z0-9_-]{40,}/);
    expect(output.toLowerCase()).not.toContain('password');
  });

  it('logs requests without client addresses, even behind a trusted proxy', async () => {
    target = await createTarget(dialect);
    server = await startServerProcess({ target, environment: { AMPARO_TRUST_PROXY: '1' } });
    const forwardedFor = '203.0.113.77';
    for (const url of ['/healthz', '/readyz', '/missing?phone=5551234567']) {
      await fetch(`${server.url}${url}`, {
        headers: { 'x-forwarded-for': forwardedFor, 'x-real-ip': forwardedFor },
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    const logs = server.lines.join('\n');
    expect(logs).toContain('"route":"/readyz"');
    expect(logs).not.toContain(forwardedFor);
    expect(logs).not.toContain('remoteAddress');
    expect(logs).not.toContain('5551234567');
  });

  it('finishes an in-flight request on SIGTERM, then exits cleanly', async () => {
    target = await createTarget(dialect);
    server = await startServerProcess({ target });
    const url = new URL(`${server.url}/healthz`);
    // A request whose body arrives slowly is in flight when SIGTERM lands.
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = http.request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': '11' },
        },
        (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      request.on('error', reject);
      request.write('{"a":');
      setTimeout(() => {
        server!.child.kill('SIGTERM');
        setTimeout(() => request.end('"bcd"}'), 300);
      }, 100);
    });
    const answered = await response;
    // GET-only route: a complete 404 answer proves the request was served, not cut off.
    expect(answered.status).toBe(404);
    expect(JSON.parse(answered.body)).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect(await server.exited).toBe(0);
    expect(server.lines.join('\n')).toContain('shutting down');
  });
});
