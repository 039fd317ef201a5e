import { pathToFileURL } from 'node:url';
import { startAmparo } from './server.ts';
import { ConfigError, loadConfig } from './platform/config/config.ts';
import { KeyPlacementError } from './platform/crypto/index.ts';

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
  let running;
  try {
    running = await startAmparo(config);
  } catch (error) {
    if (error instanceof KeyPlacementError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG: the keys are kept with the data
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
      () => process.exit(0),
      (error: unknown) => {
        running.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error('Amparo failed to start:', error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
