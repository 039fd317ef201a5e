import { newId } from '../ids/ids.ts';
import type { Logger } from '../log/logger.ts';
import { serializeEvent } from './event-payload.ts';
import type { DomainEvent, EventBus } from './events.ts';

/** Single-process event bus (SQLite deployments): events go straight to local subscribers. */
export function createLocalEventBus(options: { logger?: Logger } = {}): EventBus {
  const listeners = new Set<(event: DomainEvent) => void>();
  return {
    // Same checks as PostgreSQL's NOTIFY path, so an oversized event fails on SQLite too.
    stageInTransaction: (_trx, events) => {
      try {
        for (const event of events) serializeEvent(event);
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
      return Promise.resolve();
    },
    publishAfterCommit: (events) => {
      for (const event of events) {
        const published = { ...event, id: event.id ?? newId() };
        for (const listener of listeners) {
          // The transaction has committed: a failing subscriber must not turn it into an error.
          try {
            listener(published);
          } catch (error) {
            options.logger?.error({ err: error }, 'event subscriber failed');
          }
        }
      }
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => {
      listeners.clear();
      return Promise.resolve();
    },
  };
}
