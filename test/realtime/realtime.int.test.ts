import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { rooms } from '../../server/platform/realtime/rooms.ts';
import { inTransaction } from '../../server/platform/database/unit-of-work.ts';
import { newId } from '../../server/platform/ids/ids.ts';
import { EventTooLargeError } from '../../server/platform/realtime/event-payload.ts';
import type { DomainEvent } from '../../server/platform/realtime/events.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildArea, buildMember, buildNetwork, signIn } from '../support/factories.ts';
import { startListeningApp } from './realtime-app.ts';
import type { ListeningApp } from './realtime-app.ts';
import { openStream, payloadOf } from './sse-client.ts';
import type { StreamClient } from './sse-client.ts';

/** 'done' if `promise` settles within `ms`, else 'timed out' (so a hang fails fast and clearly). */
function within(promise: Promise<unknown>, ms: number): Promise<'done' | 'timed out'> {
  return Promise.race([
    promise.then(() => 'done' as const),
    new Promise<'timed out'>((resolve) => setTimeout(() => resolve('timed out'), ms).unref()),
  ]);
}

describeEachDatabase('realtime stream over HTTP', (dialect) => {
  let server: ListeningApp;
  const clients: StreamClient[] = [];
  beforeAll(async () => {
    server = await startListeningApp(dialect);
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });
  afterAll(() => server.close());

  async function connect(cookie?: string): Promise<StreamClient> {
    const client = await openStream(`${server.url}/api/realtime`, cookie ? { cookie } : {});
    clients.push(client);
    return client;
  }

  async function emit(...events: Omit<DomainEvent, 'occurredAt'>[]): Promise<void> {
    await inTransaction({ db: server.context.database.db, events: server.context.events }, (uow) => {
      for (const event of events) uow.emit({ ...event, occurredAt: Date.now() });
      return Promise.resolve();
    });
  }

  /** A member signed in with an open stream that has said `ready`. */
  async function signedInStream(options: Parameters<typeof buildMember>[1]) {
    const member = await buildMember(server.context, options);
    const session = await signIn(server.context, member);
    const stream = await connect(session.cookie);
    expect(stream.status).toBe(200);
    await stream.waitFor((message) => message.event === 'ready');
    return { member, session, stream };
  }

  /** Sends a marker to the member's room and waits for it: anything misrouted before it would be there. */
  async function flush(stream: StreamClient, networkId: string, memberId: string): Promise<void> {
    const marker = newId();
    await emit({ type: 'test.flushed', networkId, rooms: [rooms.member(memberId)], data: { marker } });
    await stream.waitFor(
      (message) => message.event === 'test.flushed' && payloadOf(message).data.marker === marker,
    );
  }

  function typesSeen(stream: StreamClient): string[] {
    return stream.messages.map((message) => message.event);
  }

  it('refuses a signed-out request and a made-up session with 401', async () => {
    const signedOut = await connect();
    expect(signedOut.status).toBe(401);
    expect(signedOut.body).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    const forged = await connect(`__Host-amparo_session=${'x'.repeat(43)}`);
    expect(forged.status).toBe(401);
    expect(server.context.realtime.connectionCount()).toBe(0);
  });

  it('answers with an uncached, unbuffered event stream that opens with retry and ready', async () => {
    const network = await buildNetwork(server.context);
    const { stream } = await signedInStream({ networkId: network.id });
    expect(stream.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(stream.headers['cache-control']).toBe('no-store');
    expect(stream.headers['x-accel-buffering']).toBe('no');
    expect(stream.headers['x-content-type-options']).toBe('nosniff');
    expect(stream.controls[0]).toBe('retry: 3000');
    expect(stream.messages[0]).toMatchObject({ event: 'ready', data: '{}' });
  });

  it("delivers a committed event for the member's rooms, and none for another room or network", async () => {
    const network = await buildNetwork(server.context);
    const otherNetwork = await buildNetwork(server.context);
    const { member, stream } = await signedInStream({
      networkId: network.id,
      roles: [{ role: 'responder' }],
    });
    await emit(
      {
        type: 'incident.verified',
        networkId: network.id,
        rooms: [rooms.role(network.id, 'dispatcher')],
        data: {},
      },
      {
        type: 'incident.closed',
        networkId: otherNetwork.id,
        rooms: [rooms.network(otherNetwork.id)],
        data: {},
      },
      // A wrong network id with this member's own rooms: the hub's network check stops it.
      {
        type: 'incident.forged',
        networkId: otherNetwork.id,
        rooms: [rooms.network(network.id), rooms.member(member.id)],
        data: {},
      },
    );
    await emit({
      type: 'incident.reported',
      networkId: network.id,
      rooms: [rooms.role(network.id, 'responder')],
      data: { incidentId: 'incident-1' },
    });
    const delivered = await stream.waitFor((message) => message.event === 'incident.reported');
    expect(payloadOf(delivered)).toMatchObject({
      type: 'incident.reported',
      data: { incidentId: 'incident-1' },
    });
    expect(delivered.id).toMatch(/^[0-9a-f-]{36}$/);
    await flush(stream, network.id, member.id);
    expect(typesSeen(stream)).toEqual(['ready', 'incident.reported', 'test.flushed']);
  });

  it('emits nothing from a rolled-back transaction', async () => {
    const network = await buildNetwork(server.context);
    const { member, stream } = await signedInStream({ networkId: network.id });
    await expect(
      inTransaction({ db: server.context.database.db, events: server.context.events }, (uow) => {
        uow.emit({
          type: 'incident.verified',
          networkId: network.id,
          rooms: [rooms.network(network.id)],
          data: {},
          occurredAt: Date.now(),
        });
        return Promise.reject(new Error('the write failed'));
      }),
    ).rejects.toThrow('the write failed');
    await flush(stream, network.id, member.id);
    expect(typesSeen(stream)).toEqual(['ready', 'test.flushed']);
  });

  it('refuses an oversized event at stage time and rolls the write back with it', async () => {
    const network = await buildNetwork(server.context);
    const areaId = newId();
    await expect(
      inTransaction({ db: server.context.database.db, events: server.context.events }, async (uow) => {
        await buildArea(
          { ...server.context, database: { ...server.context.database, db: uow.trx } },
          network.id,
          {
            id: areaId,
          },
        );
        uow.emit({
          type: 'area.created',
          networkId: network.id,
          rooms: [rooms.network(network.id)],
          data: { padding: 'x'.repeat(8000) },
          occurredAt: Date.now(),
        });
      }),
    ).rejects.toThrow(EventTooLargeError);
    const area = await server.context.database.db
      .selectFrom('areas')
      .select('id')
      .where('id', '=', areaId)
      .executeTakeFirst();
    expect(area).toBeUndefined();
  });

  it('gives a probationary member only their own room', async () => {
    const network = await buildNetwork(server.context);
    const { member, stream } = await signedInStream({
      networkId: network.id,
      status: 'probationary',
      roles: [{ role: 'dispatcher' }],
    });
    await emit(
      { type: 'incident.verified', networkId: network.id, rooms: [rooms.network(network.id)], data: {} },
      {
        type: 'incident.reported',
        networkId: network.id,
        rooms: [rooms.role(network.id, 'dispatcher')],
        data: {},
      },
    );
    await flush(stream, network.id, member.id);
    expect(typesSeen(stream)).toEqual(['ready', 'test.flushed']);
  });

  it('keeps an area-limited dispatcher to their area', async () => {
    const network = await buildNetwork(server.context);
    const area = await buildArea(server.context, network.id);
    const otherArea = await buildArea(server.context, network.id);
    const { member, stream } = await signedInStream({
      networkId: network.id,
      roles: [{ role: 'dispatcher', areaId: area.id }],
    });
    await emit(
      {
        type: 'incident.elsewhere',
        networkId: network.id,
        rooms: [rooms.role(network.id, 'dispatcher')],
        data: {},
      },
      {
        type: 'incident.other',
        networkId: network.id,
        rooms: [rooms.areaRole(otherArea.id, 'dispatcher')],
        data: {},
      },
      {
        type: 'incident.here',
        networkId: network.id,
        rooms: [rooms.areaRole(area.id, 'dispatcher')],
        data: {},
      },
    );
    await flush(stream, network.id, member.id);
    expect(typesSeen(stream)).toEqual(['ready', 'incident.here', 'test.flushed']);
  });

  it("closes the revoked session's stream after telling it, and keeps the member's other session", async () => {
    const network = await buildNetwork(server.context);
    const { member, session, stream } = await signedInStream({ networkId: network.id });
    const otherSession = await signIn(server.context, member);
    const otherStream = await connect(otherSession.cookie);
    await otherStream.waitFor((message) => message.event === 'ready');
    await emit({
      type: 'session.revoked',
      networkId: network.id,
      rooms: [rooms.member(member.id)],
      data: { sessionId: session.sessionId },
    });
    await stream.waitFor((message) => message.event === 'session.revoked');
    await expect(within(stream.ended, 3000)).resolves.toBe('done');
    await flush(otherStream, network.id, member.id);
    expect(otherStream.isEnded()).toBe(false);
    expect(server.context.realtime.connectionCount(member.id)).toBe(1);
  });

  it('ends a stream when an admin takes a role away, and the new stream no longer hears that role', async () => {
    const network = await buildNetwork(server.context);
    const admin = await buildMember(server.context, {
      networkId: network.id,
      roles: [{ role: 'admin' }],
      withTotp: true,
    });
    const adminSession = await signIn(server.context, admin, { secondFactorProved: true });
    const { member, session, stream } = await signedInStream({
      networkId: network.id,
      roles: [{ role: 'dispatcher' }, { role: 'responder' }],
    });
    const response = await fetch(`${server.url}/api/members/${member.id}/roles`, {
      method: 'PUT',
      headers: { ...adminSession.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ roles: [{ role: 'responder' }] }),
    });
    expect(response.status).toBe(200);
    await stream.waitFor((message) => message.event === 'member.rolesChanged');
    await expect(within(stream.ended, 3000)).resolves.toBe('done');

    const reconnected = await connect(session.cookie);
    await reconnected.waitFor((message) => message.event === 'ready');
    await emit({
      type: 'incident.opened',
      networkId: network.id,
      rooms: [rooms.role(network.id, 'dispatcher')],
      data: {},
    });
    await flush(reconnected, network.id, member.id);
    expect(typesSeen(reconnected)).toEqual(['ready', 'test.flushed']);
  });

  it('caps concurrent streams per member with 429 RATE_LIMITED', async () => {
    const network = await buildNetwork(server.context);
    const member = await buildMember(server.context, { networkId: network.id });
    const session = await signIn(server.context, member);
    for (let index = 0; index < 5; index += 1) {
      const stream = await connect(session.cookie);
      expect(stream.status).toBe(200);
    }
    const refused = await connect(session.cookie);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    // Another member is not affected by this member's streams.
    const other = await signedInStream({ networkId: network.id });
    expect(other.stream.status).toBe(200);
  });

  it('drops a client that stops reading rather than buffering without bound', async () => {
    const network = await buildNetwork(server.context);
    const { member, stream } = await signedInStream({ networkId: network.id });
    expect(server.context.realtime.connectionCount(member.id)).toBe(1);
    stream.response.pause();
    const padding = 'x'.repeat(7000);
    // Enough to fill the loopback socket buffers on both sides, then the hub's own limit.
    for (let batch = 0; batch < 80 && server.context.realtime.connectionCount(member.id) > 0; batch += 1) {
      await emit(
        ...Array.from({ length: 50 }, () => ({
          type: 'test.padded',
          networkId: network.id,
          rooms: [rooms.member(member.id)],
          data: { padding },
        })),
      );
      await yieldToEventLoop();
    }
    await expect.poll(() => server.context.realtime.connectionCount(member.id), { timeout: 5000 }).toBe(0);
  });
});

describeEachDatabase('realtime stream at shutdown', (dialect) => {
  it('ends open streams so closing the server does not hang', async () => {
    const server = await startListeningApp(dialect);
    const network = await buildNetwork(server.context);
    const member = await buildMember(server.context, { networkId: network.id });
    const session = await signIn(server.context, member);
    const stream = await openStream(`${server.url}/api/realtime`, { cookie: session.cookie });
    await stream.waitFor((message) => message.event === 'ready');
    const started = Date.now();
    await expect(within(server.close(), 5000)).resolves.toBe('done');
    await expect(within(stream.ended, 1000)).resolves.toBe('done');
    expect(Date.now() - started).toBeLessThan(1500);
  });
});
