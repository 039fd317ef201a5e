import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../../../platform/context.ts';
import { serviceDepsFrom } from '../../../platform/context.ts';
import { parseInput } from '../../../platform/http/validation.ts';
import { createAuthenticator } from '../../identity/index.ts';
import { watchSiteParamsSchema, watchSiteSchema } from './site.contract.ts';
import { createWatchSite, listWatchSites, updateWatchSite } from './site.service.ts';

/** Watch sites: courthouses, immigration offices and check-in locations of the network's areas. */
export function registerWatchSiteRoutes(app: FastifyInstance, context: PlatformContext): void {
  const deps = serviceDepsFrom(context);
  const authenticator = createAuthenticator(context);

  app.get('/api/watch/sites', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    return listWatchSites(deps, principal);
  });

  app.post('/api/watch/sites', async (request, reply) => {
    const principal = await authenticator.requirePrincipal(request);
    const input = parseInput(watchSiteSchema, request.body);
    return reply.status(201).send(await createWatchSite(deps, principal, input));
  });

  app.put('/api/watch/sites/:siteId', async (request, reply) => {
    const principal = await authenticator.requirePrincipal(request);
    const { siteId } = parseInput(watchSiteParamsSchema, request.params);
    await updateWatchSite(deps, principal, siteId, parseInput(watchSiteSchema, request.body));
    return reply.status(204).send();
  });
}
