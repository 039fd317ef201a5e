import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../../../platform/context.ts';
import { parseInput } from '../../../platform/http/validation.ts';
import { createAuthenticator } from '../../identity/index.ts';
import { claimIncident, releaseIncident } from './incident-claims.service.ts';
import { incidentDepsFrom } from './incident.deps.ts';
import { getIncidentDetail } from './incident-detail.service.ts';
import { mergeIncident, splitIncident } from './incident-merge.service.ts';
import { placeIncident } from './incident-placement.service.ts';
import { addIncidentNote, listNotesOfIncident } from './incident-notes.service.ts';
import { listIncidentQueue } from './incident-queue.service.ts';
import {
  claimSchema,
  detailQuerySchema,
  incidentParamsSchema,
  mergeSchema,
  placeIncidentSchema,
  noteSchema,
  queueQuerySchema,
  splitSchema,
  statusChangeSchema,
  withholdSchema,
} from './incident.contract.ts';
import type { AddedNote, IncidentAnswer, PlacedIncident } from './incident.contract.ts';
import { changeIncidentStatus } from './incident-status.service.ts';
import { publishIncidentAgain, withholdIncidentFromPublic } from './incident-publication.service.ts';

/**
 * The dispatcher's incident API: queue, detail, lifecycle, claims, notes, merge and split; and the
 * coordinator's say over the public pages (withhold, publish again).
 */
export function registerIncidentApiRoutes(app: FastifyInstance, context: PlatformContext): void {
  const deps = incidentDepsFrom(context);
  const authenticator = createAuthenticator(context);

  app.get('/api/incidents', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const query = parseInput(queueQuerySchema, request.query);
    return listIncidentQueue(deps, principal, query);
  });

  app.get('/api/incidents/:incidentId', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const { incidentId } = parseInput(incidentParamsSchema, request.params);
    const { includeContact } = parseInput(detailQuerySchema, request.query);
    return getIncidentDetail(deps, principal, incidentId, { includeContact: includeContact === 'true' });
  });

  app.post('/api/incidents/:incidentId/status', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const { incidentId } = parseInput(incidentParamsSchema, request.params);
    const input = parseInput(statusChangeSchema, request.body);
    return {
      incident: await changeIncidentStatus(deps, principal, incidentId, input),
    } satisfies IncidentAnswer;
  });

  app.post('/api/incidents/:incidentId/claim', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const { incidentId } = parseInput(incidentParamsSchema, request.params);
    const input = parseInput(claimSchema, request.body ?? {});
    return { incident: await claimIncident(deps, principal, incidentId, input) } satisfies IncidentAnswer;
  });

  app.post('/api/incidents/:incidentId/release', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const { incidentId } = parseInput(incidentParamsSchema, request.params);
    return { incident: await releaseIncident(deps, principal, incidentId) } satisfies IncidentAnswer;
  });

  app.get('/api/incidents/:incidentId/notes', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const { incidentId } = parseInput(incidentParamsSchema, request.params);
    return listNotesOfIncident(deps, principal, incidentId);
  });

  app.post('/api/incidents/:incidentId/notes', async (request, reply) => {
    const principal = await authenticator.requirePrincipal(request);
    const { incidentId } = parseInput(incidentParamsSchema, request.params);
    const input = parseInput(noteSchema, request.body);
    const note = await addIncidentNote(deps, principal, incidentId, input);
    return reply.status(201).send({ note } satisfies AddedNote);
  });

  app.post('/api/incidents/:incidentId/merge', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const { incidentId } = parseInput(incidentParamsSchema, request.params);
    const input = parseInput(mergeSchema, request.body);
    return { incident: await mergeIncident(deps, principal, incidentId, input) } satisfies IncidentAnswer;
  });

  app.post('/api/incidents/:incidentId/split', async (request, reply) => {
    const principal = await authenticator.requirePrincipal(request);
    const { incidentId } = parseInput(incidentParamsSchema, request.params);
    const input = parseInput(splitSchema, request.body);
    return reply.status(201).send(await splitIncident(deps, principal, incidentId, input));
  });

  app.post('/api/incidents/:incidentId/withhold', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const { incidentId } = parseInput(incidentParamsSchema, request.params);
    const input = parseInput(withholdSchema, request.body);
    return {
      incident: await withholdIncidentFromPublic(deps, principal, incidentId, input),
    } satisfies IncidentAnswer;
  });

  app.post('/api/incidents/:incidentId/publish', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const { incidentId } = parseInput(incidentParamsSchema, request.params);
    return { incident: await publishIncidentAgain(deps, principal, incidentId) } satisfies IncidentAnswer;
  });

  app.post('/api/incidents/:incidentId/location', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const { incidentId } = parseInput(incidentParamsSchema, request.params);
    const point = parseInput(placeIncidentSchema, request.body);
    return (await placeIncident(deps, principal, incidentId, point)) satisfies PlacedIncident;
  });
}
