import fs from 'node:fs';
import Fastify from 'fastify';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { AppConfig } from '../../../platform/config/config.ts';
import { WrongPassphraseError } from '../../../platform/crypto/index.ts';
import type { Unlock } from '../../../platform/crypto/index.ts';
import { respondToError } from '../../../platform/http/error-handler.ts';
import { installSecurityHeaders } from '../../../platform/http/security-headers.ts';
import type { Logger } from '../../../platform/log/logger.ts';
import { registerPublicAssetRoutes } from '../../../platform/web/index.ts';
import { registerWebAppFiles } from '../webapp/index.ts';
import { registerSealRoutes } from './seal.routes.ts';
import type { SealStatus } from './seal.contract.ts';
import { createUnsealAttempts } from './unseal-attempts.ts';
import type { UnsealAttempts } from './unseal-attempts.ts';

/** Wrong passphrases allowed per channel per window (ADR 0030); argon2id makes each one slow too. */
export const unsealLimits = { maxFailures: 5, windowMs: 15 * 60_000 } as const;

export interface SealedServerOptions {
  config: AppConfig;
  logger: Logger;
  /** The local socket `amparo unseal` talks to (beside the key file, in a 0700 directory). */
  socketPath: string;
  /** Derives the unlock from a passphrase; WrongPassphraseError when it does not open the keyring. */
  unlockWith(passphrase: string): Promise<Unlock>;
  /** Starts Amparo in full, after the sealed listeners have closed. */
  onUnsealed(unlock: Unlock): Promise<void>;
}

export interface SealedServer {
  /** The HTTP address while sealed. */
  url: string;
  stop(): Promise<void>;
}

/**
 * Serves a sealed deployment: no database is opened and no job runs, because nothing can be read
 * without the keys. It listens on the server's port (the unseal page) and on a local socket
 * (`amparo unseal`); a right passphrase closes both and starts Amparo in full on the same port.
 */
export async function startSealedServer(options: SealedServerOptions): Promise<SealedServer> {
  let status: SealStatus['status'] = 'sealed';
  const tryPassphrase = async (passphrase: string, reply: { raw: NodeJS.EventEmitter }) => {
    let unlock: Unlock;
    try {
      unlock = await options.unlockWith(passphrase);
    } catch (error) {
      if (error instanceof WrongPassphraseError) return false;
      throw error;
    }
    status = 'unsealing';
    // Only once the answer has left: closing the listeners waits for in-flight requests.
    reply.raw.once('finish', () => void unseal(unlock));
    return true;
  };
  const build = (attempts: UnsealAttempts) =>
    buildSealedApp(options, {
      attempts,
      publicOrigin: originOf(options.config.publicUrl),
      status: () => status,
      tryPassphrase,
    });

  const web = await build(createUnsealAttempts(unsealLimits));
  const local = await build(createUnsealAttempts(unsealLimits));
  removeStaleSocket(options.socketPath);
  await local.listen({ path: options.socketPath });
  fs.chmodSync(options.socketPath, 0o600);
  const url = await web.listen({ port: options.config.port, host: options.config.host });
  options.logger.info({ url }, 'amparo is sealed: waiting for "amparo unseal" or the unseal page');

  const close = async () => {
    await Promise.all([web.close(), local.close()]);
    removeStaleSocket(options.socketPath);
  };
  const unseal = async (unlock: Unlock) => {
    try {
      await close();
      await options.onUnsealed(unlock);
    } catch (error) {
      options.logger.error({ err: error }, 'amparo failed to start after unsealing');
      process.exitCode = 1;
      process.kill(process.pid, 'SIGTERM');
    }
  };
  return { url, stop: close };
}

async function buildSealedApp(
  options: SealedServerOptions,
  routes: Parameters<typeof registerSealRoutes>[1],
): Promise<FastifyInstance> {
  const app = Fastify({
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    loggerInstance: options.logger as FastifyBaseLogger,
    bodyLimit: 4096,
    forceCloseConnections: true,
    routerOptions: { ignoreTrailingSlash: true },
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
  });
  app.setErrorHandler(respondToError);
  installSecurityHeaders(app);
  registerPublicAssetRoutes(app);
  registerWebAppFiles(app);
  registerSealRoutes(app, routes);
  await app.ready();
  return app;
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

function removeStaleSocket(socketPath: string): void {
  try {
    if (fs.lstatSync(socketPath).isSocket()) fs.rmSync(socketPath);
  } catch {
    // not there
  }
}
