import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { createPgListener } from '../database/pg-listener.ts';
import { newId } from '../ids/ids.ts';
import type { Logger } from '../log/logger.ts';
import { parseEvent, serializeEvent } from './event-payload.ts';
import type { DomainEvent, EventBus } from './events.ts';

export interface PostgresEventBus extends EventBus {
  /** The NOTIFY channel, one per schema (exposed for tests and operators). */
  readonly channel: string;
  /** Settles after the listener's first connection attempt, successful or not. */
  readonly ready: Promise<void>;
  onMissedEvents(listener: () => void): () => void;
}

const maximumIdentifierBytes = 63;

/**
 * LISTEN/NOTIFY is per database, not per schema: deployments sharing one PostgreSQL database under
 * different schemas would hear each other's events on a shared channel, so the schema is part of it.
 */
export function eventChannelFor(schema = 'public'): string {
  const channel = `amparo_events_${schema}`;
  if (channel.length <= maximumIdentifierBytes) return channel;
  // PostgreSQL truncates long identifiers in LISTEN but rejects them in pg_notify: hash instead.
  return `amparo_events_${createHash('sha256').update(schema).digest('hex').slice(0, 40)}`;
}

/**
 * Event bus for several app processes on one PostgreSQL. Staging NOTIFYs inside the writing
 * transaction, so PostgreSQL delivers each event only if it commits, in commit order, to every
 * listening process, this one included. `publishAfterCommit` therefore does nothing here.
 */
export function createPostgresEventBus(options: {
  url: string;
  schema?: string;
  logger: Logger;
  applicationName?: string;
}): PostgresEventBus {
  const channel = eventChannelFor(options.schema);
  const listeners = new Set<(event: DomainEvent) => void>();
  const missedEventListeners = new Set<() => void>();

  const dispatch = (payload: string | undefined): void => {
    const event = payload === undefined ? null : parseEvent(payload);
    if (!event) {
      // Never log the payload itself: it is domain data.
      options.logger.warn({ channel }, 'ignored a malformed realtime event');
      return;
    }
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        options.logger.error({ err: error }, 'event subscriber failed');
      }
    }
  };

  const connection = createPgListener({
    url: options.url,
    channels: [channel],
    applicationName: options.applicationName ?? 'amparo-events',
    logger: options.logger,
    label: 'realtime listener',
    onNotification: (_channel, payload) => dispatch(payload),
    // NOTIFYs sent while no listener was connected are gone: tell subscribers to refetch.
    onConnected: ({ isReconnect }) => {
      if (isReconnect) for (const listener of missedEventListeners) listener();
    },
  });

  return {
    channel,
    ready: connection.ready,
    stageInTransaction: async (trx, events) => {
      // Serialize all first: an oversized event fails before anything is queued.
      const payloads = events.map((event) => serializeEvent({ ...event, id: event.id ?? newId() }));
      // One statement per event keeps their order; identical payloads would be merged, ids prevent it.
      for (const payload of payloads) await sql`select pg_notify(${channel}, ${payload})`.execute(trx);
    },
    publishAfterCommit: () => undefined,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onMissedEvents: (listener) => {
      missedEventListeners.add(listener);
      return () => missedEventListeners.delete(listener);
    },
    close: async () => {
      listeners.clear();
      missedEventListeners.clear();
      await connection.close();
    },
  };
}
