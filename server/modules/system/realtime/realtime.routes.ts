import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../../../platform/context.ts';
import { createAuthenticator } from '../../identity/index.ts';
import { openRealtimeStream } from './realtime.service.ts';

export function registerRealtimeRoutes(app: FastifyInstance, context: PlatformContext): void {
  const authenticator = createAuthenticator(context);
  const deps = { hub: context.realtime };

  // Streams never end on their own: end them first, or closing the server would wait for them.
  app.addHook('preClose', () => deps.hub.close());

  // No automatic HEAD route: a HEAD request must not open a stream nobody reads.
  app.get('/api/realtime', { exposeHeadRoute: false }, async (request, reply) => {
    const principal = await authenticator.requirePrincipal(request);
    const stream = openRealtimeStream(deps, principal, reply.raw);
    return reply
      .header('content-type', 'text/event-stream; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('x-accel-buffering', 'no')
      .send(stream);
  });
}
