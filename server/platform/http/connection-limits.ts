import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';

/** How long a client may take and how many sockets it may hold (docs/adr/0022-outsider-limits.md). */
export interface HttpLimits {
  /** Whole request (headers and body) must arrive within this. */
  requestTimeoutMs: number;
  /** Request headers must arrive within this. */
  headersTimeoutMs: number;
  /** An idle keep-alive socket is closed after this. */
  keepAliveTimeoutMs: number;
  /** A socket with no bytes either way for this long is closed. */
  idleTimeoutMs: number;
  /**
   * After `bodyRateGraceMs`, a request still receiving must average at least this many bytes/s,
   * and a body that makes no progress for `bodyRateGraceMs` is cut.
   */
  minBodyBytesPerSecond: number;
  bodyRateGraceMs: number;
  /** Sockets open at once, for the whole process. */
  maxConnections: number;
  /** Sockets open at once from one peer address (0: off, e.g. behind a proxy that limits itself). */
  maxConnectionsPerAddress: number;
}

/** Fastify's server options for the timeouts (node checks them every `connectionsCheckingInterval`). */
export function fastifyTimeoutOptions(limits: HttpLimits) {
  return {
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionTimeout: limits.idleTimeoutMs,
    http: {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // Node's default (30 s) would let a request outlive its timeout by up to that much.
      connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs),
    },
  };
}

interface Tracked {
  socket: Socket;
  startedAt: number;
  bytesAtStart: number;
  /** The socket's byte count when it last grew, and when. */
  lastBytes: number;
  lastProgressAt: number;
}

/**
 * Connection caps and the body rate floor, installed on the HTTP server. Sockets over a cap are
 * destroyed on arrival (no bytes read); a request whose body trickles in below the floor loses its
 * socket. Counts are held per exact peer address only while sockets are open, then forgotten.
 */
export function installConnectionLimits(server: Server, limits: HttpLimits): { stop(): void } {
  server.maxConnections = limits.maxConnections;
  const perAddress = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    if (limits.maxConnectionsPerAddress <= 0) return;
    const address = socket.remoteAddress ?? 'unknown';
    const count = (perAddress.get(address) ?? 0) + 1;
    if (count > limits.maxConnectionsPerAddress) {
      socket.destroy();
      return;
    }
    perAddress.set(address, count);
    socket.once('close', () => {
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left <= 0) perAddress.delete(address);
      else perAddress.set(address, left);
    });
  });

  // Requests still receiving their body, checked by one timer rather than one per socket.
  const receiving = new Set<Tracked>();
  server.on('request', (request: IncomingMessage) => {
    const hasBody =
      request.headers['transfer-encoding'] !== undefined ||
      Number(request.headers['content-length'] ?? 0) > 0;
    if (!hasBody || request.complete) return;
    const now = Date.now();
    const tracked: Tracked = {
      socket: request.socket,
      startedAt: now,
      bytesAtStart: request.socket.bytesRead,
      lastBytes: request.socket.bytesRead,
      lastProgressAt: now,
    };
    receiving.add(tracked);
    const forget = () => receiving.delete(tracked);
    request.once('end', forget);
    request.once('close', forget);
  });
  const timer = setInterval(() => {
    const now = Date.now();
    for (const tracked of receiving) {
      const elapsedMs = now - tracked.startedAt;
      if (elapsedMs < limits.bodyRateGraceMs) continue;
      const bytesRead = tracked.socket.bytesRead;
      if (bytesRead > tracked.lastBytes) {
        tracked.lastBytes = bytesRead;
        tracked.lastProgressAt = now;
      }
      const received = bytesRead - tracked.bytesAtStart;
      // Too slow on average, or stalled for a whole grace period (a body sent all but its last
      // byte holds its buffer: that is the memory an attacker wants to keep).
      const isTooSlow = received < (limits.minBodyBytesPerSecond * elapsedMs) / 1000;
      const isStalled = now - tracked.lastProgressAt >= limits.bodyRateGraceMs;
      if (isTooSlow || isStalled) {
        receiving.delete(tracked);
        tracked.socket.destroy();
      }
    }
  }, 500);
  timer.unref();
  server.once('close', () => clearInterval(timer));
  return { stop: () => clearInterval(timer) };
}
