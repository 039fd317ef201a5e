import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../../../platform/context.ts';
import { parseInput } from '../../../platform/http/validation.ts';
import { createAuthenticator } from '../../identity/index.ts';
import {
  addExceptionSchema,
  addShiftSchema,
  rotaEntryParamsSchema,
  rotaQuerySchema,
} from './rota.contract.ts';
import { rotaDepsFrom } from './rota.deps.ts';
import { getRota } from './rota-reads.service.ts';
import { addException, addShift, removeException, removeShift } from './rota.service.ts';

/** The roster: weekly turns, time off, extra turns and swaps, and the next 7 days' coverage. */
export function registerRotaApiRoutes(app: FastifyInstance, context: PlatformContext): void {
  const deps = rotaDepsFrom(context);
  const authenticator = createAuthenticator(context);

  app.get('/api/rota', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    return getRota(deps, principal, parseInput(rotaQuerySchema, request.query));
  });

  app.post('/api/rota/shifts', async (request, reply) => {
    const principal = await authenticator.requirePrincipal(request);
    const input = parseInput(addShiftSchema, request.body);
    return reply.status(201).send(await addShift(deps, principal, input));
  });

  app.delete('/api/rota/shifts/:entryId', async (request, reply) => {
    const principal = await authenticator.requirePrincipal(request);
    const { entryId } = parseInput(rotaEntryParamsSchema, request.params);
    await removeShift(deps, principal, entryId);
    return reply.status(204).send();
  });

  app.post('/api/rota/exceptions', async (request, reply) => {
    const principal = await authenticator.requirePrincipal(request);
    const input = parseInput(addExceptionSchema, request.body);
    return reply.status(201).send(await addException(deps, principal, input));
  });

  app.delete('/api/rota/exceptions/:entryId', async (request, reply) => {
    const principal = await authenticator.requirePrincipal(request);
    const { entryId } = parseInput(rotaEntryParamsSchema, request.params);
    await removeException(deps, principal, entryId);
    return reply.status(204).send();
  });
}
