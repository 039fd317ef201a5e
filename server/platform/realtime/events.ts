import type { Transaction } from 'kysely';
import type { Database } from '../database/schema.ts';

/**
 * A domain event: a fact named `<module>.<pastTense>`, raised inside a transaction and delivered to
 * realtime rooms only after that transaction commits. Payloads are small and carry ids and
 * internal-class fields only, never sensitive values: clients fetch details through the API.
 */
export interface DomainEvent {
  /**
   * Set by the bus when the event is staged or published (UUIDv7), so every process and client sees
   * the same id for the same event. Producers leave it out.
   */
  id?: string;
  type: string;
  networkId: string;
  /** Rooms that receive it, e.g. `network:<id>`, `role:<networkId>:dispatcher`, `member:<id>`. */
  rooms: string[];
  data: Record<string, unknown>;
  occurredAt: number;
}

/** Moves committed events to every app process's realtime hub. */
export interface EventBus {
  /** Called inside the transaction (PostgreSQL: pg_notify, delivered on commit only). */
  stageInTransaction(trx: Transaction<Database>, events: DomainEvent[]): Promise<void>;
  /** Called after commit (SQLite, single process: deliver in memory). */
  publishAfterCommit(events: DomainEvent[]): void;
  /** Subscribe to every committed event, from this process or another. */
  subscribe(listener: (event: DomainEvent) => void): () => void;
  /**
   * Called when events may have been missed (the PostgreSQL listener lost its connection and came
   * back): realtime clients should refetch. Buses that cannot miss events do not implement it.
   */
  onMissedEvents?(listener: () => void): () => void;
  close(): Promise<void>;
}
