import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../platform/errors/app-error.ts';
import { parseInput } from '../../../platform/http/validation.ts';
import { sendPage } from '../../../platform/web/index.ts';
import { sealedNoticePage } from './sealed-notice.ts';
import { unsealRequestSchema } from './seal.contract.ts';
import type { SealStatus, UnsealAnswer } from './seal.contract.ts';
import type { UnsealAttempts } from './unseal-attempts.ts';

export interface SealRouteOptions {
  attempts: UnsealAttempts;
  /** The server's public origin: a browser's unseal request must come from a page of it. */
  publicOrigin: string | null;
  status(): SealStatus['status'];
  /** Resolves true (and starts unsealing once the answer is sent) for the right passphrase. */
  tryPassphrase(passphrase: string, reply: FastifyReply): Promise<boolean>;
}

/**
 * The only routes of a sealed server (ADR 0030): liveness that says "sealed", the unseal call, and
 * for everything else a 503 with a stable code and no data; the app's files serve the unseal screen.
 */
export function registerSealRoutes(app: FastifyInstance, options: SealRouteOptions): void {
  app.get('/healthz', () => ({ status: 'sealed' }));
  app.get('/readyz', (_request, reply) => reply.status(503).send({ status: 'sealed' }));
  app.get('/api/system/seal', (): SealStatus => ({ status: options.status() }));

  app.post('/api/system/unseal', async (request, reply): Promise<UnsealAnswer> => {
    refuseForeignOrigin(request, options.publicOrigin);
    if (options.status() !== 'sealed') throw sealedError();
    const { passphrase } = parseInput(unsealRequestSchema, request.body);
    const isRight = await options.attempts.run(() => options.tryPassphrase(passphrase, reply));
    if (!isRight) throw new AppError('UNSEAL_PASSPHRASE_WRONG', 'Wrong passphrase. Nothing was changed.');
    return { status: 'unsealing' };
  });

  app.setNotFoundHandler((request, reply) => {
    if (request.method !== 'GET' || request.url.startsWith('/api/')) throw sealedError();
    return sendPage(reply, sealedNoticePage(), 503);
  });
}

function sealedError(): AppError {
  return new AppError('SERVER_SEALED', 'This server is sealed: an administrator must unseal it.', [], {
    'retry-after': '30',
  });
}

/** A page of another site cannot make a visitor's browser try passphrases here. */
function refuseForeignOrigin(request: FastifyRequest, publicOrigin: string | null): void {
  const origin = request.headers.origin;
  if (origin === undefined || publicOrigin === null) return;
  const host = request.headers.host;
  if (origin !== publicOrigin && origin !== `http://${host}` && origin !== `https://${host}`) {
    throw new AppError('FORBIDDEN', 'This request must come from the server’s own unseal page.');
  }
}
