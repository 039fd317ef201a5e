import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../../../platform/context.ts';
import { parseInput } from '../../../platform/http/validation.ts';
import { createAuthenticator } from '../../identity/index.ts';
import { dispatchDepsFrom } from './dispatch.deps.ts';
import {
  incidentParamsSchema,
  myOffersQuerySchema,
  offerParamsSchema,
  offerStatusReportSchema,
  idempotencyHeadersSchema,
  outcomeSchema,
  sendOffersSchema,
  suggestionQuerySchema,
} from './dispatch.contract.ts';
import type { OfferAnswer } from './dispatch.contract.ts';
import { cancelOffer, reportOfferProgress, reportOutcome } from './offer-progress.service.ts';
import { getOfferDetail, listOwnOffers } from './offer-reads.service.ts';
import { answerOwnOffer } from './offer-responses.service.ts';
import { listIncidentOffers, sendOffers } from './offer.service.ts';
import { suggestResponders } from './suggestion.service.ts';

/** Suggestions and offers for dispatchers; answers, progress and outcomes for responders. */
export function registerDispatchApiRoutes(app: FastifyInstance, context: PlatformContext): void {
  const deps = dispatchDepsFrom(context);
  const authenticator = createAuthenticator(context);

  app.get('/api/incidents/:incidentId/suggestions', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const { incidentId } = parseInput(incidentParamsSchema, request.params);
    const query = parseInput(suggestionQuerySchema, request.query);
    return suggestResponders(deps, principal, incidentId, query);
  });

  app.post('/api/incidents/:incidentId/offers', async (request, reply) => {
    const principal = await authenticator.requirePrincipal(request);
    const { incidentId } = parseInput(incidentParamsSchema, request.params);
    const input = parseInput(sendOffersSchema, request.body);
    return reply.status(201).send(await sendOffers(deps, principal, incidentId, input));
  });

  app.get('/api/incidents/:incidentId/offers', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const { incidentId } = parseInput(incidentParamsSchema, request.params);
    return listIncidentOffers(deps, principal, incidentId);
  });

  app.get('/api/responders/me/offers', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    return listOwnOffers(deps, principal, parseInput(myOffersQuerySchema, request.query));
  });

  app.get('/api/offers/:offerId', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const { offerId } = parseInput(offerParamsSchema, request.params);
    return getOfferDetail(deps, principal, offerId);
  });

  app.post('/api/offers/:offerId/accept', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const { offerId } = parseInput(offerParamsSchema, request.params);
    return { offer: await answerOwnOffer(deps, principal, offerId, 'accept') } satisfies OfferAnswer;
  });

  app.post('/api/offers/:offerId/decline', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const { offerId } = parseInput(offerParamsSchema, request.params);
    return { offer: await answerOwnOffer(deps, principal, offerId, 'decline') } satisfies OfferAnswer;
  });

  app.post('/api/offers/:offerId/status', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const { offerId } = parseInput(offerParamsSchema, request.params);
    const { status, etaMinutes } = parseInput(offerStatusReportSchema, request.body);
    const offer = await reportOfferProgress(deps, principal, offerId, status, etaMinutes);
    return { offer } satisfies OfferAnswer;
  });

  app.post('/api/offers/:offerId/outcome', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const { offerId } = parseInput(offerParamsSchema, request.params);
    const input = parseInput(outcomeSchema, request.body);
    const { 'idempotency-key': clientKey } = parseInput(idempotencyHeadersSchema, request.headers);
    return reportOutcome(deps, principal, offerId, input, clientKey ?? null);
  });

  app.post('/api/offers/:offerId/cancel', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const { offerId } = parseInput(offerParamsSchema, request.params);
    return { offer: await cancelOffer(deps, principal, offerId) } satisfies OfferAnswer;
  });
}
