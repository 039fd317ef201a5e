import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rooms } from '../../server/platform/realtime/rooms.ts';
import { systemClock } from '../../server/platform/clock/clock.ts';
import { createFieldCrypto } from '../../server/platform/crypto/field-crypto.ts';
import { generateKeyFile, parseKeyFile } from '../../server/platform/crypto/keyring.ts';
import { openDatabase } from '../../server/platform/database/database.ts';
import type { DatabaseHandle, DatabaseTarget } from '../../server/platform/database/database.ts';
import { createTarget, dropTarget, environmentFor, postgresTestUrl } from '../support/databases.ts';
import { buildMember, buildNetwork, signIn } from '../support/factories.ts';
import type { FactoryContext } from '../support/factories.ts';
import { startServerProcess } from '../support/server-process.ts';
import type { ServerProcess } from '../support/server-process.ts';
import { openStream, payloadOf } from './sse-client.ts';
import type { StreamClient } from './sse-client.ts';

const repositoryRoot = path.resolve(import.meta.dirname, '../..');

/** Runs the emitter fixture as its own process (a third writer, like another app node). */
function runEmitter(target: DatabaseTarget, plan: Record<string, unknown>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/realtime/fixtures/emit-events.ts'], {
      cwd: repositoryRoot,
      env: {
        PATH: process.env.PATH ?? '',
        ...environmentFor(target, repositoryRoot),
        EMIT_PLAN: JSON.stringify(plan),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`emitter exited ${code}\n${stderr}`)),
    );
  });
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
}

describe.skipIf(!postgresTestUrl)('realtime across app processes on one PostgreSQL', () => {
  let target: DatabaseTarget;
  let serverA: ServerProcess;
  let serverB: ServerProcess;
  let database: DatabaseHandle;
  let context: FactoryContext;
  const clients: StreamClient[] = [];

  beforeAll(async () => {
    target = await createTarget('postgres');
    // Same keys on both nodes, as in a real deployment.
    const keys = JSON.stringify(generateKeyFile());
    serverA = await startServerProcess({ target, environment: { AMPARO_ENCRYPTION_KEYS: keys } });
    serverB = await startServerProcess({ target, environment: { AMPARO_ENCRYPTION_KEYS: keys } });
    database = openDatabase(target);
    context = { database, clock: systemClock, crypto: createFieldCrypto(parseKeyFile(keys)) };
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await Promise.all([serverA?.kill('SIGKILL'), serverB?.kill('SIGKILL')]);
    await database?.close();
    if (target) await dropTarget(target);
  });

  async function streamOn(server: ServerProcess, cookie: string): Promise<StreamClient> {
    const client = await openStream(`${server.url}/api/realtime`, { cookie });
    clients.push(client);
    expect(client.status).toBe(200);
    await client.waitFor((message) => message.event === 'ready');
    return client;
  }

  it('delivers an event committed by another process to streams on both servers, with latency', async () => {
    const network = await buildNetwork(context);
    const member = await buildMember(context, { networkId: network.id, roles: [{ role: 'dispatcher' }] });
    const session = await signIn(context, member);
    const onA = await streamOn(serverA, session.cookie);
    const onB = await streamOn(serverB, session.cookie);
    const count = 200;
    await runEmitter(target, {
      networkId: network.id,
      rooms: [rooms.role(network.id, 'dispatcher')],
      type: 'incident.reported',
      count,
      intervalMs: 5,
    });
    for (const stream of [onA, onB]) {
      await stream.waitFor(
        (message) => message.event === 'incident.reported' && payloadOf(message).data.sequence === count - 1,
        10_000,
      );
      const delivered = stream.messages.filter((message) => message.event === 'incident.reported');
      // Every event, once, in commit order.
      expect(delivered.map((message) => payloadOf(message).data.sequence)).toEqual([...Array(count).keys()]);
    }
    const latencies = onB.messages
      .filter((message) => message.event === 'incident.reported')
      .map((message) => message.receivedAt - payloadOf(message).occurredAt)
      .sort((a, b) => a - b);
    console.log(
      `realtime latency, writer process -> PostgreSQL NOTIFY -> server B -> SSE client, ${count} events: ` +
        `p50 ${percentile(latencies, 0.5)} ms, p99 ${percentile(latencies, 0.99)} ms, max ${latencies.at(-1)} ms`,
    );
    expect(percentile(latencies, 0.99)).toBeLessThan(1000);
  });

  it('does not deliver to a member of another network on the other server', async () => {
    const network = await buildNetwork(context);
    const otherNetwork = await buildNetwork(context);
    const outsider = await buildMember(context, {
      networkId: otherNetwork.id,
      roles: [{ role: 'dispatcher' }],
    });
    const onB = await streamOn(serverB, (await signIn(context, outsider)).cookie);
    await runEmitter(target, {
      networkId: network.id,
      rooms: [rooms.role(network.id, 'dispatcher'), rooms.role(otherNetwork.id, 'dispatcher')],
      type: 'incident.reported',
      count: 1,
      intervalMs: 0,
    });
    await runEmitter(target, {
      networkId: otherNetwork.id,
      rooms: [rooms.member(outsider.id)],
      type: 'test.flushed',
      count: 1,
      intervalMs: 0,
    });
    await onB.waitFor((message) => message.event === 'test.flushed', 10_000);
    expect(onB.messages.map((message) => message.event)).toEqual(['ready', 'test.flushed']);
  });

  it('closes a stream on server B when its session is revoked by a write in another process', async () => {
    const network = await buildNetwork(context);
    const member = await buildMember(context, { networkId: network.id });
    const session = await signIn(context, member);
    const onB = await streamOn(serverB, session.cookie);
    await runEmitter(target, {
      networkId: network.id,
      rooms: [rooms.member(member.id)],
      type: 'session.revoked',
      count: 1,
      intervalMs: 0,
      data: { sessionId: session.sessionId },
    });
    await onB.waitFor((message) => message.event === 'session.revoked', 10_000);
    await onB.ended;
  });

  it("server A's admin endpoint ends a member's sessions and closes their stream on server B", async () => {
    const network = await buildNetwork(context);
    const admin = await buildMember(context, {
      networkId: network.id,
      roles: [{ role: 'admin' }],
      withTotp: true,
    });
    const adminSession = await signIn(context, admin, { secondFactorProved: true });
    const member = await buildMember(context, { networkId: network.id, roles: [{ role: 'responder' }] });
    const onB = await streamOn(serverB, (await signIn(context, member)).cookie);
    const response = await fetch(`${serverA.url}/api/members/${member.id}/sessions/revoke`, {
      method: 'POST',
      headers: { ...adminSession.headers, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBeLessThan(300);
    await onB.waitFor((message) => message.event === 'session.revoked', 10_000);
    await onB.ended;
    const reconnect = await openStream(`${serverB.url}/api/realtime`, {
      cookie: (await signIn(context, member)).cookie,
    });
    clients.push(reconnect);
    expect(reconnect.status).toBe(200);
  });
});
