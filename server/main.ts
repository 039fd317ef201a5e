import { pathToFileURL } from 'node:url';
import { startAmparo } from './server.ts';
import type { RunningAmparo } from './server.ts';
import { startSealedServer } from './modules/system/seal/index.ts';
import { ConfigError, loadConfig } from './platform/config/config.ts';
import type { AppConfig } from './platform/config/config.ts';
import {
  checkKeyPlacement,
  KeyPlacementError,
  SealedKeyringError,
  unlockAtStart,
  unlockKeyFile,
} from './platform/crypto/index.ts';
import { createLogger } from './platform/log/logger.ts';
import type { Logger } from './platform/log/logger.ts';

interface Running {
  logger: Logger;
  stop(): Promise<void>;
}

/** Entry point for `npm start`: parse config (fail fast), start, and stop cleanly on signals. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  let running: Running;
  try {
    running = await start(config);
  } catch (error) {
    if (error instanceof KeyPlacementError || error instanceof SealedKeyringError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG: the keys are kept with the data, or cannot be opened as configured
    }
    throw error;
  }
  let isStopping = false;
  const stop = (signal: string): void => {
    if (isStopping) return;
    isStopping = true;
    running.logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      running.logger.error('shutdown timed out');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    timer.unref();
    running.stop().then(
      () => process.exit(process.exitCode ?? 0),
      (error: unknown) => {
        running.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

/**
 * Starts in full when the keys open by themselves; a passphrase-sealed key file starts the sealed
 * server instead (ADR 0030), which hands over to the full server once an admin unseals it.
 */
async function start(config: AppConfig): Promise<Running> {
  checkKeyPlacement({
    file: config.keys.inline ? undefined : config.keys.file,
    dataDirectory: config.dataDirectory,
  });
  const keys = await unlockAtStart(config.keys);
  if (keys.kind === 'plain') return startAmparo(config);
  if (keys.kind === 'unlocked') return startAmparo(config, { unlock: keys.unlock });

  const logger = createLogger(config.logLevel);
  let full: RunningAmparo | null = null;
  const sealed = await startSealedServer({
    config,
    logger,
    socketPath: config.keys.unsealSocket,
    unlockWith: (passphrase) => unlockKeyFile(config.keys.file, passphrase),
    onUnsealed: async (unlock) => {
      // The same port the sealed server had (PORT=0 picks one at random: keep the one picked).
      const port = Number(new URL(sealed.url).port) || config.port;
      full = await startAmparo({ ...config, port }, { unlock, logger });
      logger.info('amparo unsealed');
    },
  });
  process.stdout.write(
    `\nThe key file ${config.keys.file} is sealed. Amparo serves nothing until an administrator unseals ` +
      `it: run "amparo unseal" on this machine, or open ${config.publicUrl}/app/ and enter the passphrase.\n\n`,
  );
  return {
    logger,
    stop: async () => {
      if (full) await full.stop();
      else await sealed.stop();
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error('Amparo failed to start:', error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
