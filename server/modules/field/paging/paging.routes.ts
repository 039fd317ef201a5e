import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../../../platform/context.ts';
import { parseInput } from '../../../platform/http/validation.ts';
import { createAuthenticator } from '../../identity/index.ts';
import { acknowledgePageByLink } from './page-ack.service.ts';
import { pageParamsSchema } from './paging.contract.ts';
import { pagingDepsFrom } from './paging.deps.ts';

/** The page link: opening it in the app acknowledges the page and claims the incident. */
export function registerPagingApiRoutes(app: FastifyInstance, context: PlatformContext): void {
  const deps = pagingDepsFrom(context);
  const authenticator = createAuthenticator(context);

  app.post('/api/pages/:pageId/ack', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const { pageId } = parseInput(pageParamsSchema, request.params);
    return acknowledgePageByLink(deps, principal, pageId);
  });
}
