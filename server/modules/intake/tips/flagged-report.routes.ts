import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { serviceDepsFrom } from '../../../platform/context.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { parseInput } from '../../../platform/http/validation.ts';
import { createAuthenticator } from '../../identity/index.ts';
import { listFlaggedReports, purgeFlaggedReport } from './flagged-report.service.ts';
import type { FlaggedReportDeps } from './flagged-report.service.ts';

const flaggedParamsSchema = z.object({ id: z.string().min(1).max(64) });
const listQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(100).default(50) });

export function flaggedReportDepsFrom(context: PlatformContext): FlaggedReportDeps {
  return {
    ...serviceDepsFrom(context),
  };
}

/** Coordinators' view of weaponized tips (kept out of the dispatch queue). */
export function registerFlaggedReportRoutes(app: FastifyInstance, context: PlatformContext): void {
  const deps = flaggedReportDepsFrom(context);
  const authenticator = createAuthenticator(context);

  app.get('/api/flagged-reports', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const { limit } = parseInput(listQuerySchema, request.query);
    return listFlaggedReports(deps, principal, { limit });
  });

  app.delete('/api/flagged-reports/:id', async (request, reply) => {
    const principal = await authenticator.requirePrincipal(request);
    const { id } = parseInput(flaggedParamsSchema, request.params);
    await purgeFlaggedReport(deps, principal, id);
    return reply.status(204).send();
  });
}
