import type { DomainEvent, EventBus } from './events.ts';

/** Single-process event bus (SQLite deployments): events go straight to local subscribers. */
export function createLocalEventBus(): EventBus {
  const listeners = new Set<(event: DomainEvent) => void>();
  return {
    stageInTransaction: () => Promise.resolve(),
    publishAfterCommit: (events) => {
      for (const event of events) for (const listener of listeners) listener(event);
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
