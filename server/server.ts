import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { openPlatformContext } from './context.ts';
import { createAppJobWorker } from './jobs.ts';
import { startBackupSchedule } from './platform/backup/index.ts';
import { issueSetupTokenIfNeeded } from './modules/identity/setup/setup.service.ts';
import type { AppConfig } from './platform/config/config.ts';
import type { PlatformContext } from './platform/context.ts';
import { sealOfKeyFile } from './platform/crypto/index.ts';
import type { Unlock } from './platform/crypto/index.ts';
import { migrateToLatest } from './platform/database/migrate.ts';
import type { JobWorker } from './platform/jobs/index.ts';
import { createLogger } from './platform/log/logger.ts';
import type { Logger } from './platform/log/logger.ts';

export interface RunningAmparo {
  app: FastifyInstance | null;
  context: PlatformContext;
  logger: Logger;
  /** The address the HTTP server listens on, when this process serves HTTP. */
  url: string | null;
  stop(): Promise<void>;
}

/** The composition root: builds every adapter once (context.ts), wires modules, starts HTTP and/or the worker. */
export async function startAmparo(
  config: AppConfig,
  options: { unlock?: Unlock; logger?: Logger } = {},
): Promise<RunningAmparo> {
  const logger = options.logger ?? createLogger(config.logLevel);
  let worker: JobWorker | null = null;
  const platform = await openPlatformContext(config, {
    logger,
    prepareDatabase: migrateToLatest,
    events: 'shared',
    jobs: { wake: () => worker?.wake() },
    unlock: options.unlock,
  });
  const { context } = platform;
  const { database } = context;

  let app: FastifyInstance | null = null;
  let url: string | null = null;
  if (config.role !== 'worker') {
    app = await buildApp(context);
    url = await app.listen({ port: config.port, host: config.host });
    const setupToken = await issueSetupTokenIfNeeded({ db: database.db, clock: context.clock });
    if (setupToken) announceSetupLink(`${config.publicUrl}/setup/${setupToken}`);
  }
  let backups: { stop(): Promise<void> } | null = null;
  if (config.role !== 'web') {
    worker = createAppJobWorker(context);
    await worker.start();
    if (config.backup.intervalHours > 0 && config.backup.recipient) {
      backups = startBackupSchedule({
        target: config.database,
        dataDirectory: config.dataDirectory,
        recipient: config.backup.recipient,
        directory: config.backup.directory,
        keep: config.backup.keep,
        intervalMs: config.backup.intervalHours * 3_600_000,
        logger,
      });
    }
  }
  logger.info({ role: config.role, database: database.dialect, url }, 'amparo started');
  announceKeyFile(config);

  return {
    app,
    context,
    logger,
    url,
    stop: async () => {
      if (app) await app.close();
      // In-flight jobs get most of the shutdown budget; unfinished ones are retaken after their lease.
      if (worker) await worker.stop({ timeoutMs: Math.floor(config.shutdownTimeoutMs * 0.6) });
      await backups?.stop();
      await platform.close();
    },
  };
}

/** Says where the keys are: they are not in the data directory, so backing it up alone loses them. */
function announceKeyFile(config: AppConfig): void {
  const where = config.keys.inline ? 'come from AMPARO_ENCRYPTION_KEYS' : `are in ${config.keys.file}`;
  // Sealed or not is said in the same breath: a plain file is readable by whoever reads this disk.
  const sealing = sealOfKeyFile(config.keys.file);
  process.stdout.write(
    `\nThe encryption keys ${where}, outside the data directory ${config.dataDirectory}. Back them up ` +
      'apart from the data directory: without them the encrypted data cannot be read, and a copy kept ' +
      'with the data would unlock it for whoever takes both.\n' +
      (config.keys.inline
        ? '\n'
        : sealing
          ? `The key file is sealed (${sealing.by}); after a restart the server waits to be unsealed.\n\n`
          : 'The key file is not sealed: "amparo seal" locks it with a passphrase (see the README).\n\n'),
  );
}

function announceSetupLink(link: string): void {
  // Printed to the console, never logged: the link grants the first admin account.
  process.stdout.write(
    `\nAmparo has no network yet. Open this one-time link to create the first network and its admin:\n\n  ${link}\n\nThe link works once and expires in 24 hours. Restarting prints a new one.\n\n`,
  );
}
