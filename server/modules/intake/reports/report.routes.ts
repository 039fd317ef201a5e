import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { PlatformContext } from '../../../platform/context.ts';
import { parseInput } from '../../../platform/http/validation.ts';
import { createAuthenticator } from '../../identity/index.ts';
import { releaseFlaggedTip } from './report.service.ts';
import {
  findIntakeNetwork,
  reportDepsFrom,
  submitOperatorReport,
  submitPublicReport,
} from './report-channels.service.ts';
import { requireSameSiteRequest } from './report-origin.ts';
import { operatorReportSchema, publicReportSchema } from './report.contract.ts';
import type { OperatorReportReceipt, PublicReportReceipt } from './report.contract.ts';
import { intakeGuardFor } from '../flood/index.ts';
import { ipPrefixOf } from './report-source.ts';
import { reportStatusPath } from './report-status-link.ts';
import type { ReportSource } from './report-source.ts';

const slugParamsSchema = z.object({ slug: z.string() });
const flaggedParamsSchema = z.object({ id: z.string().min(1).max(64) });

/** Public path of an incident's status page, given to the reporter after their report is stored. */
export function statusPath(slug: string, publicId: string): string {
  return `/s/${encodeURIComponent(slug)}/${encodeURIComponent(publicId)}`;
}

/** A web reporter's coarse, day-scoped source key (see ReportSource); the address itself is never kept. */
export function webSourceOf(request: FastifyRequest, now: number): ReportSource {
  return { kind: 'web', key: ipPrefixOf(request.ip), day: new Date(now).toISOString().slice(0, 10) };
}

/** JSON intake: the public web app's report API and the hotline operators' entry API. */
export function registerReportApiRoutes(app: FastifyInstance, context: PlatformContext): void {
  const deps = reportDepsFrom(context);
  const authenticator = createAuthenticator(context);
  const guard = intakeGuardFor(context);

  app.post('/api/public/:slug/reports', async (request, reply) => {
    requireSameSiteRequest(request, context.config.publicUrl);
    const { slug } = parseInput(slugParamsSchema, request.params);
    const network = await findIntakeNetwork(deps, slug);
    const body = parseInput(publicReportSchema, request.body);
    await guard.admitWeb({ networkId: network.id, address: request.ip, point: body.location, zip: body.zip });
    const source = webSourceOf(request, deps.clock.now());
    const stored = await submitPublicReport(deps, { network, source }, body);
    return reply.status(201).send({
      reportId: stored.reportId,
      language: stored.language,
      // The reporter's own report only: whether it joined an incident is not theirs to learn.
      statusUrl: reportStatusPath(deps.crypto, network.slug, stored.reportId),
    } satisfies PublicReportReceipt);
  });

  app.post('/api/reports', async (request, reply) => {
    const principal = await authenticator.requirePrincipal(request);
    const body = parseInput(operatorReportSchema, request.body);
    await guard.admitOperator({ networkId: principal.networkId, memberId: principal.memberId });
    const stored = await submitOperatorReport(deps, principal, body);
    return reply.status(201).send({
      reportId: stored.reportId,
      incidentId: stored.incidentId,
      isNewIncident: stored.isNewIncident,
      incidentStatus: stored.incidentStatus,
    } satisfies OperatorReportReceipt);
  });

  // A coordinator releases a flagged tip into the queue (modules/tips keeps it until then).
  app.post('/api/flagged-reports/:id/release', async (request, reply) => {
    const principal = await authenticator.requirePrincipal(request);
    const { id } = parseInput(flaggedParamsSchema, request.params);
    const stored = await releaseFlaggedTip(deps, principal, id);
    return reply.status(201).send({
      reportId: stored.reportId,
      incidentId: stored.incidentId,
      isNewIncident: stored.isNewIncident,
      incidentStatus: stored.incidentStatus,
    } satisfies OperatorReportReceipt);
  });
}
