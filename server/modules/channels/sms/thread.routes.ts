import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { serviceDepsFrom } from '../../../platform/context.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { parseInput } from '../../../platform/http/validation.ts';
import { createAuthenticator } from '../../identity/index.ts';
import { listReporterThread, sendReporterMessage } from './thread.service.ts';
import type { ThreadDeps } from './thread.service.ts';

const incidentParamsSchema = z.object({ incidentId: z.string().min(1).max(100) });
const messageSchema = z.strictObject({
  reportId: z.string().min(1).max(100),
  body: z.string().trim().min(1).max(480),
});

export function threadDepsFrom(context: PlatformContext): ThreadDeps {
  return {
    ...serviceDepsFrom(context),
    jobs: context.jobs,
  };
}

/** The dispatcher's two-way SMS thread with consenting reporters of an incident. */
export function registerThreadRoutes(app: FastifyInstance, context: PlatformContext): void {
  const deps = threadDepsFrom(context);
  const authenticator = createAuthenticator(context);

  app.get('/api/incidents/:incidentId/messages', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const { incidentId } = parseInput(incidentParamsSchema, request.params);
    return listReporterThread(deps, principal, incidentId);
  });

  app.post('/api/incidents/:incidentId/messages', async (request, reply) => {
    const principal = await authenticator.requirePrincipal(request);
    const { incidentId } = parseInput(incidentParamsSchema, request.params);
    const input = parseInput(messageSchema, request.body);
    return reply.status(201).send({ message: await sendReporterMessage(deps, principal, incidentId, input) });
  });
}
