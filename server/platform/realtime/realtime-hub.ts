import type { Logger } from '../log/logger.ts';
import type { DomainEvent, EventBus } from './events.ts';
import { formatRetry, formatServerSentComment, formatServerSentEvent } from './server-sent-events.ts';
import type { RealtimeSink } from './server-sent-events.ts';

export interface RealtimeConnectionOptions {
  networkId: string;
  memberId: string;
  sessionId: string;
  /** Decided once, at authentication. */
  rooms: readonly string[];
  sink: RealtimeSink;
  /** After an event is delivered to this stream, close the stream if this returns true. */
  isClosedBy?: (event: DomainEvent) => boolean;
}

export interface RealtimeHub {
  /** Registers a stream, sends `retry` and `event: ready`. Throws once the hub is closed. */
  connect(options: RealtimeConnectionOptions): void;
  /** Open streams, all or one member's. */
  connectionCount(memberId?: string): number;
  /** Ends every stream and stops listening (server shutdown). */
  close(): void;
}

export interface RealtimeHubOptions {
  logger?: Logger;
  heartbeatMs?: number;
  /** A client with more than this waiting to be sent is dropped; it reconnects and refetches. */
  maximumBufferedBytes?: number;
  /** Streams are closed after about this long so the browser re-authenticates and gets fresh rooms. */
  maximumLifetimeMs?: number;
  retryMs?: number;
  /** How long streams get to finish at shutdown before they are cut. */
  closeGraceMs?: number;
}

interface Connection extends RealtimeConnectionOptions {
  closesAt: number;
}

export const realtimeDefaults = {
  heartbeatMs: 15_000,
  maximumBufferedBytes: 64 * 1024,
  maximumLifetimeMs: 10 * 60 * 1000,
  retryMs: 3000,
  closeGraceMs: 2000,
};

/**
 * Delivers committed domain events to browser streams. Each stream joins rooms at authentication;
 * an event reaches the streams in any of its rooms, and only those of the event's network.
 */
export function createRealtimeHub(eventBus: EventBus, options: RealtimeHubOptions = {}): RealtimeHub {
  const settings = { ...realtimeDefaults, ...options };
  const connectionsByRoom = new Map<string, Set<Connection>>();
  const connections = new Set<Connection>();
  let isClosed = false;

  const remove = (connection: Connection): void => {
    if (!connections.delete(connection)) return;
    for (const room of connection.rooms) {
      const members = connectionsByRoom.get(room);
      members?.delete(connection);
      if (members?.size === 0) connectionsByRoom.delete(room);
    }
  };

  /** Writes unless the client has fallen too far behind, in which case it is dropped. */
  const write = (connection: Connection, chunk: string): boolean => {
    if (connection.sink.bufferedBytes + Buffer.byteLength(chunk) > settings.maximumBufferedBytes) {
      settings.logger?.warn('realtime client too slow; dropped');
      remove(connection);
      connection.sink.destroy();
      return false;
    }
    connection.sink.write(chunk);
    return true;
  };

  const end = (connection: Connection): void => {
    remove(connection);
    connection.sink.end();
  };

  const deliver = (event: DomainEvent): void => {
    const targets = new Set<Connection>();
    for (const room of event.rooms) {
      for (const connection of connectionsByRoom.get(room) ?? []) targets.add(connection);
    }
    if (targets.size === 0) return;
    const chunk = formatServerSentEvent({
      id: event.id,
      event: event.type,
      data: JSON.stringify({ type: event.type, data: event.data, occurredAt: event.occurredAt }),
    });
    for (const connection of targets) {
      // Defence in depth: a mistaken room name never carries an event across networks.
      if (connection.networkId !== event.networkId) continue;
      if (write(connection, chunk) && connection.isClosedBy?.(event)) end(connection);
    }
  };

  const resync = formatServerSentEvent({ event: 'resync', data: '{}' });
  const broadcastResync = (): void => {
    for (const connection of [...connections]) write(connection, resync);
  };

  const heartbeat = (): void => {
    const now = Date.now();
    const comment = formatServerSentComment('heartbeat');
    for (const connection of [...connections]) {
      if (now >= connection.closesAt) end(connection);
      else write(connection, comment);
    }
  };

  const unsubscribe = eventBus.subscribe(deliver);
  const stopMissedEvents = eventBus.onMissedEvents?.(broadcastResync);
  const timer = setInterval(heartbeat, settings.heartbeatMs);
  timer.unref();

  return {
    connect: (options) => {
      if (isClosed) throw new Error('The realtime hub is closed.');
      // Jitter spreads reconnects so streams opened together do not all come back together.
      const lifetime = settings.maximumLifetimeMs * (0.8 + Math.random() * 0.2);
      const connection: Connection = {
        ...options,
        rooms: [...new Set(options.rooms)],
        closesAt: Date.now() + lifetime,
      };
      connections.add(connection);
      for (const room of connection.rooms) {
        const members = connectionsByRoom.get(room) ?? new Set<Connection>();
        members.add(connection);
        connectionsByRoom.set(room, members);
      }
      options.sink.onClose(() => remove(connection));
      options.sink.write(formatRetry(settings.retryMs));
      options.sink.write(formatServerSentEvent({ event: 'ready', data: '{}' }));
    },
    connectionCount: (memberId) => {
      if (memberId === undefined) return connections.size;
      let count = 0;
      for (const connection of connections) if (connection.memberId === memberId) count += 1;
      return count;
    },
    close: () => {
      if (isClosed) return;
      isClosed = true;
      clearInterval(timer);
      unsubscribe();
      stopMissedEvents?.();
      const open = [...connections];
      for (const connection of open) end(connection);
      // A client that stopped reading must not hold up shutdown.
      setTimeout(() => {
        for (const connection of open) connection.sink.destroy();
      }, settings.closeGraceMs).unref();
    },
  };
}
