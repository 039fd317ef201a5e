import { systemClock } from '../platform/clock/clock.ts';
import { loadConfig } from '../platform/config/config.ts';
import type { AppConfig } from '../platform/config/config.ts';
import type { PlatformContext } from '../platform/context.ts';
import { createFieldCrypto, loadKeyring } from '../platform/crypto/index.ts';
import { openDatabase } from '../platform/database/database.ts';
import { migrateToLatest, pendingMigrations } from '../platform/database/migrate.ts';
import { createLogger } from '../platform/log/logger.ts';
import { createLocalEventBus } from '../platform/realtime/local-event-bus.ts';
import { createRealtimeHub } from '../platform/realtime/realtime-hub.ts';
import { CommandFailed } from './io.ts';
import type { CliIo } from './io.ts';

/** Throws ConfigError naming each bad variable; the runner turns it into exit code 78. */
export function loadCliConfig(io: CliIo): AppConfig {
  return loadConfig(io.environment);
}

export interface CliContext {
  context: PlatformContext;
  close(): Promise<void>;
}

/**
 * The same adapters the server builds, for one command. `migrations: 'apply'` brings the schema up
 * to date (first-run commands); `'require'` refuses to touch a database the code does not match.
 */
export async function openCliContext(
  config: AppConfig,
  options: { migrations: 'apply' | 'require' },
): Promise<CliContext> {
  const database = openDatabase(config.database);
  try {
    if (options.migrations === 'apply') {
      await migrateToLatest(database);
    } else {
      const pending = await pendingMigrations(database);
      if (pending.length > 0) {
        throw new CommandFailed(
          `The database needs ${pending.length} migration(s) first: run "amparo migrate" (or start the server).`,
        );
      }
    }
    const crypto = createFieldCrypto(
      loadKeyring({
        inline: config.keys.inline,
        file: config.keys.file,
        dataDirectory: config.dataDirectory,
      }),
    );
    const events = createLocalEventBus();
    const realtime = createRealtimeHub(events);
    // Logs go to stderr so stdout stays the command's own output.
    const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, process.stderr);
    const context: PlatformContext = {
      config,
      database,
      logger,
      clock: systemClock,
      events,
      realtime,
      crypto,
      jobs: { wake: () => undefined },
    };
    return {
      context,
      close: async () => {
        realtime.close();
        await events.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error;
  }
}

/** Runs `body` with a CLI context and always closes it. */
export async function withCliContext<T>(
  config: AppConfig,
  options: { migrations: 'apply' | 'require' },
  body: (context: PlatformContext) => Promise<T>,
): Promise<T> {
  const cli = await openCliContext(config, options);
  try {
    return await body(cli.context);
  } finally {
    await cli.close();
  }
}
