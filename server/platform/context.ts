import type { Kysely } from 'kysely';
import type { AppConfig } from './config/config.ts';
import type { Clock } from './clock/clock.ts';
import type { FieldCrypto } from './crypto/field-crypto.ts';
import type { DatabaseHandle, DialectName } from './database/database.ts';
import type { Database } from './database/schema.ts';
import type { JobWaker } from './jobs/enqueue.ts';
import type { Logger } from './log/logger.ts';
import type { EventBus } from './realtime/events.ts';
import type { RealtimeHub } from './realtime/realtime-hub.ts';
import type { Senders } from './senders.ts';

/**
 * What one module implements for another that cannot import it (members for auth: members imports
 * auth). The module that needs an entry declares it here by declaration merging, as tables merge
 * into `Database`; the composition root (server/context.ts) hands the implementations in.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ModulePorts {}

/**
 * The adapters the composition root (server/context.ts) builds once. Services never take the
 * whole context: they name the few dependencies they use, and routes pick those out of it.
 */
export interface PlatformContext {
  config: AppConfig;
  database: DatabaseHandle;
  logger: Logger;
  clock: Clock;
  events: EventBus;
  /** Browser streams (SSE) fed by `events`; built once per process. */
  realtime: RealtimeHub;
  crypto: FieldCrypto;
  /** Wakes this process's job worker after a commit that enqueued jobs (a no-op without one). */
  jobs: JobWaker;
  /** SMS, Web Push and email, built once at start-up (null where not configured). */
  senders: Senders;
  /** Implementations modules hand each other through the composition root. */
  ports: ModulePorts;
}

/**
 * What nearly every service names: the database, the clock, field crypto and the event bus. A
 * module's deps extend it with what only it needs (the job waker, a public URL, a media store).
 */
export interface ServiceDeps {
  db: Kysely<Database>;
  dialect: DialectName;
  clock: Clock;
  crypto: FieldCrypto;
  events: EventBus;
}

export function serviceDepsFrom(context: PlatformContext): ServiceDeps {
  return {
    db: context.database.db,
    dialect: context.database.dialect,
    clock: context.clock,
    crypto: context.crypto,
    events: context.events,
  };
}
