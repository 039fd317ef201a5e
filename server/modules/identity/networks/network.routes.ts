import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { serviceDepsFrom } from '../../../platform/context.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { parseInput } from '../../../platform/http/validation.ts';
import { createAuthenticator } from '../auth/index.ts';
import { areaInputSchema } from './area.contract.ts';
import type { AreaList } from './area.contract.ts';
import { createArea, deleteArea, getArea, listAreas, replaceArea } from './area.service.ts';
import type { NetworkDeps } from './area.service.ts';
import { getNetworkProfile, updateNetwork } from './network-admin.service.ts';
import { updateNetworkSchema } from './network.contract.ts';

/** Malformed ids reach the service, which answers AREA_NOT_FOUND as for any unknown id. */
const areaParamsSchema = z.object({ areaId: z.string() });

/** A 10,000-vertex polygon is about 250 kB of JSON; leave room for pretty-printed input. */
const areaBodyLimitBytes = 1024 * 1024;

export function registerNetworkApiRoutes(app: FastifyInstance, context: PlatformContext): void {
  const deps: NetworkDeps = {
    ...serviceDepsFrom(context),
  };
  const authenticator = createAuthenticator(context);
  const bodyLimit = Math.max(context.config.bodyLimitBytes, areaBodyLimitBytes);

  app.get('/api/network', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    return getNetworkProfile(deps, principal);
  });

  app.patch('/api/network', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    return updateNetwork(deps, principal, parseInput(updateNetworkSchema, request.body));
  });

  app.get('/api/areas', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    return { areas: await listAreas(deps, principal) } satisfies AreaList;
  });

  app.get('/api/areas/:areaId', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const { areaId } = parseInput(areaParamsSchema, request.params);
    return getArea(deps, principal, areaId);
  });

  app.post('/api/areas', { bodyLimit }, async (request, reply) => {
    const principal = await authenticator.requirePrincipal(request);
    const area = await createArea(deps, principal, parseInput(areaInputSchema, request.body));
    return reply.status(201).send(area);
  });

  app.put('/api/areas/:areaId', { bodyLimit }, async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const { areaId } = parseInput(areaParamsSchema, request.params);
    return replaceArea(deps, principal, areaId, parseInput(areaInputSchema, request.body));
  });

  app.delete('/api/areas/:areaId', async (request, reply) => {
    const principal = await authenticator.requirePrincipal(request);
    const { areaId } = parseInput(areaParamsSchema, request.params);
    await deleteArea(deps, principal, areaId);
    return reply.status(204).send();
  });
}
