import { systemClock } from './platform/clock/clock.ts';
import type { AppConfig } from './platform/config/config.ts';
import { schedulePagingForIncident } from './modules/field/index.ts';
import { memberAccounts } from './modules/identity/index.ts';
import type { NetworkActivityReader } from './modules/identity/index.ts';
import { countIntakeActivity } from './modules/intake/index.ts';
import { countAlertingActivity } from './modules/alerting/index.ts';
import type { ModulePorts, PlatformContext } from './platform/context.ts';
import { createFieldCrypto, loadKeyring } from './platform/crypto/index.ts';
import type { Unlock } from './platform/crypto/index.ts';
import { openDatabase } from './platform/database/database.ts';
import type { DatabaseHandle } from './platform/database/database.ts';
import type { JobWaker } from './platform/jobs/index.ts';
import type { Logger } from './platform/log/logger.ts';
import { createEventBus } from './platform/realtime/event-bus.ts';
import { createLocalEventBus } from './platform/realtime/local-event-bus.ts';
import { createRealtimeHub } from './platform/realtime/realtime-hub.ts';
import type { RealtimeHubOptions } from './platform/realtime/realtime-hub.ts';
import { closeSenders, createSenders } from './platform/senders.ts';

/**
 * What modules implement for each other, handed in here: members' accounts, for auth; paging the
 * on-duty dispatchers when a report opens an incident, for intake (field implements it).
 */
/** The deployment operator's health view (ADR 0032): counts from intake and alerting, no content. */
const networkActivity: NetworkActivityReader = async (db, networkId) => ({
  ...(await countIntakeActivity(db, networkId)),
  ...(await countAlertingActivity(db, networkId)),
});

export const modulePorts: ModulePorts = {
  memberAccounts,
  incidentOpened: schedulePagingForIncident,
  networkActivity,
};

export interface PlatformContextOptions {
  logger: Logger;
  /** Runs on the open database before anything else uses it: migrate, or check the schema. */
  prepareDatabase(database: DatabaseHandle): Promise<unknown>;
  /**
   * `shared`: events reach every process (PostgreSQL LISTEN/NOTIFY), for a server.
   * `local`: events stay in this process, for a one-off CLI command.
   */
  events: 'shared' | 'local';
  /** Wakes this process's job worker; a no-op where there is none. */
  jobs?: JobWaker;
  /** Opens a sealed key file (ADR 0030): from `amparo unseal`, the unseal page or a credential. */
  unlock?: Unlock;
}

export interface OpenPlatformContext {
  context: PlatformContext;
  /** Closes what the context opened, last built first. */
  close(): Promise<void>;
}

export type PlatformContextParts = Omit<PlatformContext, 'realtime' | 'jobs' | 'senders' | 'ports'> & {
  jobs?: JobWaker;
  realtimeOptions?: RealtimeHubOptions;
};

/**
 * A context from the adapters a process opened: the realtime hub, the senders and the module
 * ports are derived here, so the server, the CLI, tests and scripts assemble it the same way.
 */
export function assemblePlatformContext(parts: PlatformContextParts): PlatformContext {
  const { realtimeOptions, jobs, ...adapters } = parts;
  return {
    ...adapters,
    realtime: createRealtimeHub(parts.events, { logger: parts.logger, ...realtimeOptions }),
    jobs: jobs ?? { wake: () => undefined },
    senders: createSenders(parts.config, { db: parts.database.db, crypto: parts.crypto, clock: parts.clock }),
    ports: modulePorts,
  };
}

/**
 * The one start-up wiring, used by the server (server.ts) and by the CLI (cli/runtime.ts): the
 * keyring, the database, the event bus and realtime hub, and every outbound sender, each built once.
 */
export async function openPlatformContext(
  config: AppConfig,
  options: PlatformContextOptions,
): Promise<OpenPlatformContext> {
  const { logger } = options;
  const crypto = createFieldCrypto(
    loadKeyring({
      inline: config.keys.inline,
      file: config.keys.file,
      isExplicit: config.keys.isFileExplicit,
      dataDirectory: config.dataDirectory,
      unlock: options.unlock,
    }),
  );
  const database = openDatabase(config.database);
  try {
    await options.prepareDatabase(database);
    const events =
      options.events === 'shared' ? await createEventBus(database, logger) : createLocalEventBus({ logger });
    const context = assemblePlatformContext({
      config,
      database,
      logger,
      clock: systemClock,
      events,
      crypto,
      jobs: options.jobs,
    });
    return {
      context,
      close: async () => {
        closeSenders(context.senders);
        context.realtime.close();
        await events.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error;
  }
}
