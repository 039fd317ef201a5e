import type { FastifyInstance } from 'fastify';
import { serviceDepsFrom } from '../../../platform/context.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { parseInput } from '../../../platform/http/validation.ts';
import { createAuthenticator } from '../../identity/index.ts';
import { reporterMessageSchema, threadParamsSchema } from './thread.contract.ts';
import type { ReporterMessageAnswer, ReporterThread } from './thread.contract.ts';
import { listReporterThread, sendReporterMessage } from './thread.service.ts';
import type { ThreadDeps } from './thread.service.ts';

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
    const { incidentId } = parseInput(threadParamsSchema, request.params);
    const thread: ReporterThread = await listReporterThread(deps, principal, incidentId);
    return thread;
  });

  app.post('/api/incidents/:incidentId/messages', async (request, reply) => {
    const principal = await authenticator.requirePrincipal(request);
    const { incidentId } = parseInput(threadParamsSchema, request.params);
    const input = parseInput(reporterMessageSchema, request.body);
    const answer: ReporterMessageAnswer = {
      message: await sendReporterMessage(deps, principal, incidentId, input),
    };
    return reply.status(201).send(answer);
  });
}
