import type { Kysely, Transaction } from 'kysely';
import type { DomainEvent, EventBus } from '../realtime/events.ts';
import type { Database } from './schema.ts';

export interface UnitOfWork {
  trx: Transaction<Database>;
  /** Raise an event; it reaches realtime clients only if this transaction commits. */
  emit(event: DomainEvent): void;
  /** Run after a successful commit (e.g. wake the job worker). Never for durable work. */
  afterCommit(callback: () => void): void;
}

export interface UnitOfWorkDeps {
  db: Kysely<Database>;
  events: EventBus;
}

/**
 * Runs `work` in one database transaction. Rows, jobs (outbox) and audit entries written through
 * `uow.trx` commit or roll back together; events are staged in the transaction and published after.
 */
export async function inTransaction<T>(
  deps: UnitOfWorkDeps,
  work: (uow: UnitOfWork) => Promise<T>,
): Promise<T> {
  const events: DomainEvent[] = [];
  const callbacks: (() => void)[] = [];
  const result = await deps.db.transaction().execute(async (trx) => {
    const value = await work({
      trx,
      emit: (event) => events.push(event),
      afterCommit: (callback) => callbacks.push(callback),
    });
    if (events.length > 0) await deps.events.stageInTransaction(trx, events);
    return value;
  });
  if (events.length > 0) deps.events.publishAfterCommit(events);
  for (const callback of callbacks) callback();
  return result;
}
