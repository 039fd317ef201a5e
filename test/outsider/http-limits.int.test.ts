import net from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';

/** Opens a socket to the app; resolves with it once connected. */
function connect(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => resolve(socket));
    socket.on('error', reject);
  });
}

/** Resolves with how long the socket stayed open after `since`, or null if still open at `deadlineMs`. */
function closedWithin(socket: net.Socket, since: number, deadlineMs: number): Promise<number | null> {
  return new Promise((resolve) => {
    if (socket.destroyed || socket.readyState === 'closed') return resolve(Date.now() - since);
    const timer = setTimeout(() => resolve(null), deadlineMs);
    socket.on('error', () => undefined);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(Date.now() - since);
    });
  });
}

const postHead = (length: number) =>
  `POST /webhooks/twilio/status HTTP/1.1\r\nHost: 127.0.0.1\r\ncontent-type: application/x-www-form-urlencoded\r\ncontent-length: ${length}\r\n\r\n`;

describeEachDatabase('outsider limits: HTTP timeouts and connection caps', (dialect) => {
  let testApp: TestApp;
  let port: number;
  beforeAll(async () => {
    testApp = await createTestApp(dialect, {
      AMPARO_HTTP_REQUEST_TIMEOUT_MS: '4000',
      AMPARO_HTTP_HEADERS_TIMEOUT_MS: '1500',
      AMPARO_HTTP_BODY_RATE_GRACE_MS: '1000',
      AMPARO_HTTP_MIN_BODY_BYTES_PER_SECOND: '1024',
      AMPARO_HTTP_MAX_CONNECTIONS_PER_ADDRESS: '40',
    });
    await testApp.app.listen({ host: '127.0.0.1', port: 0 });
    port = (testApp.app.server.address() as net.AddressInfo).port;
  });
  afterAll(() => testApp.close());

  it('cuts 30 sockets trickling a 262 KB body one byte at a time, within the rate floor grace', async () => {
    const sockets = await Promise.all(Array.from({ length: 30 }, () => connect(port)));
    const start = Date.now();
    const timers = sockets.map((socket) => {
      socket.write(postHead(262_143));
      return setInterval(() => {
        if (!socket.destroyed) socket.write('a');
      }, 200);
    });
    const lifetimes = await Promise.all(sockets.map((socket) => closedWithin(socket, start, 8000)));
    for (const timer of timers) clearInterval(timer);
    expect(lifetimes.every((lifetime) => lifetime !== null)).toBe(true);
    // Grace 1 s, checked every 0.5 s: cut well before the 4 s request timeout.
    expect(Math.max(...(lifetimes as number[]))).toBeLessThan(3000);
  });

  it('cuts sockets that send a whole body but its last byte, then stall', async () => {
    const sockets = await Promise.all(Array.from({ length: 20 }, () => connect(port)));
    const start = Date.now();
    for (const socket of sockets) socket.write(postHead(262_144) + 'a'.repeat(262_143));
    const lifetimes = await Promise.all(sockets.map((socket) => closedWithin(socket, start, 8000)));
    expect(lifetimes.every((lifetime) => lifetime !== null)).toBe(true);
    // Stalled for the 1 s grace, checked every 0.5 s: well before the 4 s request timeout.
    expect(Math.max(...(lifetimes as number[]))).toBeLessThan(3000);
  });

  it('cuts a socket that trickles its headers (slowloris) at the headers timeout', async () => {
    const socket = await connect(port);
    const start = Date.now();
    socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const timer = setInterval(() => {
      if (!socket.destroyed) socket.write('x-slow: 1\r\n');
    }, 200);
    const lifetime = await closedWithin(socket, start, 6000);
    clearInterval(timer);
    expect(lifetime).not.toBeNull();
    expect(lifetime!).toBeLessThan(3500);
  });

  it('keeps a body that arrives at a normal pace', async () => {
    const body = 'MessageSid=SM1&MessageStatus=delivered';
    const socket = await connect(port);
    const answer = new Promise<string>((resolve) => {
      let text = '';
      socket.on('data', (chunk: Buffer) => {
        text += chunk.toString('utf8');
        if (text.includes('\r\n\r\n')) resolve(text);
      });
    });
    socket.write(postHead(body.length));
    socket.write(body);
    // Answered (403: not signed), not cut.
    expect((await answer).split('\r\n')[0]).toBe('HTTP/1.1 403 Forbidden');
    socket.destroy();
  });

  it('refuses sockets past the per-address cap on arrival', async () => {
    const sockets = await Promise.all(Array.from({ length: 50 }, () => connect(port)));
    const closed = await Promise.all(sockets.map((socket) => closedWithin(socket, Date.now(), 500)));
    const refused = closed.filter((lifetime) => lifetime !== null).length;
    expect(refused).toBe(10);
    for (const socket of sockets) socket.destroy();
  });
});
