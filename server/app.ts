import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import Fastify from 'fastify';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { registerHealthRoutes } from './modules/health/health.routes.ts';
import type { PlatformContext } from './platform/context.ts';
import { newId } from './platform/ids/ids.ts';
import { installErrorHandling } from './platform/http/error-handler.ts';
import { installSecurityHeaders } from './platform/http/security-headers.ts';

/** Builds the HTTP application: platform hooks first, then every module's routes. */
export async function buildApp(context: PlatformContext): Promise<FastifyInstance> {
  const app = Fastify({
    // pino's Logger and Fastify's logger type differ only in generics.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    loggerInstance: context.logger as FastifyBaseLogger,
    bodyLimit: context.config.bodyLimitBytes,
    trustProxy: context.config.trustProxy,
    genReqId: () => newId(),
    // Refuse prototype-polluting JSON outright rather than silently stripping it.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // Idle keep-alive sockets close at shutdown; in-flight requests are allowed to finish.
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  });
  installErrorHandling(app);
  installSecurityHeaders(app);
  await app.register(fastifyCookie);
  await app.register(fastifyFormbody, { bodyLimit: context.config.bodyLimitBytes });

  registerHealthRoutes(app, context);
  return app;
}
