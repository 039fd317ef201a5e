import type { DatabaseHandle } from '../database/database.ts';
import type { Logger } from '../log/logger.ts';
import type { EventBus } from './events.ts';
import { createLocalEventBus } from './local-event-bus.ts';
import { createPostgresEventBus } from './postgres-event-bus.ts';

/**
 * The bus for this database: LISTEN/NOTIFY on PostgreSQL (several app processes), in memory on
 * SQLite (one process). Resolves once the PostgreSQL listener is listening, so a process that
 * reports itself started does not miss the first events.
 */
export async function createEventBus(database: DatabaseHandle, logger: Logger): Promise<EventBus> {
  if (database.dialect !== 'postgres' || !database.postgres) return createLocalEventBus({ logger });
  const bus = createPostgresEventBus({
    url: database.postgres.url,
    schema: database.postgres.schema,
    logger,
  });
  await bus.ready;
  return bus;
}
