import { loadConfig } from '../platform/config/config.ts';
import type { AppConfig } from '../platform/config/config.ts';
import { openPlatformContext } from '../context.ts';
import type { PlatformContext } from '../platform/context.ts';
import type { DatabaseHandle } from '../platform/database/database.ts';
import { migrateToLatest, pendingMigrations } from '../platform/database/migrate.ts';
import { createLogger } from '../platform/log/logger.ts';
import { unlockAtStart, unlockKeyFile } from '../platform/crypto/index.ts';
import type { Unlock } from '../platform/crypto/index.ts';
import { CommandFailed } from './io.ts';
import type { CliIo } from './io.ts';
import { readSecret } from './prompt.ts';

/** Throws ConfigError naming each bad variable; the runner turns it into exit code 78. */
export function loadCliConfig(io: CliIo): AppConfig {
  return loadConfig(io.environment);
}

export interface CliContext {
  context: PlatformContext;
  close(): Promise<void>;
}

/**
 * The same adapters the server builds (server/context.ts), for one command. `migrations: 'apply'`
 * brings the schema up to date (first-run commands); `'require'` refuses to touch a database the
 * code does not match.
 */
export async function openCliContext(
  config: AppConfig,
  options: { migrations: 'apply' | 'require' },
): Promise<CliContext> {
  const unlock = await unlockForCli(config);
  return openPlatformContext(config, {
    unlock,
    // Logs go to stderr so stdout stays the command's own output.
    logger: createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, process.stderr),
    prepareDatabase: options.migrations === 'apply' ? migrateToLatest : requireCurrentSchema,
    events: 'local',
  });
}

async function requireCurrentSchema(database: DatabaseHandle): Promise<void> {
  const pending = await pendingMigrations(database);
  if (pending.length > 0) {
    throw new CommandFailed(
      `The database needs ${pending.length} migration(s) first: run "amparo migrate" (or start the server).`,
    );
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

let cachedUnlock: Promise<Unlock | undefined> | null = null;

/**
 * Opens a sealed key file for a command that needs the keys (ADR 0030): a credential-sealed file
 * with AMPARO_KEYRING_CREDENTIAL, a passphrase-sealed one with the passphrase, asked once per run
 * (without echo on a terminal, else the first line of standard input). Undefined for plain keys.
 */
export function unlockForCli(
  config: AppConfig,
  io: CliIo = {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    environment: process.env,
  },
): Promise<Unlock | undefined> {
  cachedUnlock ??= (async () => {
    const keys = await unlockAtStart(config.keys);
    if (keys.kind === 'plain') return undefined;
    if (keys.kind === 'unlocked') return keys.unlock;
    const passphrase = await readSecret(io, 'Keyring passphrase', { isConfirmed: false });
    return unlockKeyFile(config.keys.file, passphrase);
  })();
  return cachedUnlock;
}
