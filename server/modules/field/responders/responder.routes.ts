import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../../../platform/context.ts';
import { parseInput } from '../../../platform/http/validation.ts';
import { createAuthenticator } from '../../identity/index.ts';
import { responderDepsFrom } from './responder.deps.ts';
import { getPushPublicKey, setOwnPushSubscription } from './responder-push.service.ts';
import { listRoster, setResponderTrainings } from './responder-roster.service.ts';
import { sendOwnTestPage } from './responder-test-page.service.ts';
import { setOwnContact, verifyOwnContact } from './responder-contact.service.ts';
import {
  availabilitySchema,
  contactCodeSchema,
  contactSchema,
  locationSchema,
  memberParamsSchema,
  pushSchema,
  rosterQuerySchema,
  trainingSchema,
} from './responder.contract.ts';
import type { OwnResponderAnswer } from './responder.contract.ts';
import {
  forgetOwnLocation,
  getOwnResponderProfile,
  setOwnAvailability,
  shareOwnLocation,
} from './responder.service.ts';

/** The roster (dispatchers, coordinators) and a responder's own availability, location and contact. */
export function registerResponderApiRoutes(app: FastifyInstance, context: PlatformContext): void {
  const deps = responderDepsFrom(context);
  const testPageDeps = { ...deps, jobs: context.jobs };
  const authenticator = createAuthenticator(context);

  app.get('/api/responders', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const query = parseInput(rosterQuerySchema, request.query);
    return listRoster(deps, principal, query);
  });

  app.put('/api/responders/:memberId/training', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const { memberId } = parseInput(memberParamsSchema, request.params);
    const input = parseInput(trainingSchema, request.body);
    return setResponderTrainings(deps, principal, memberId, input);
  });

  app.get('/api/responders/me', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    return { responder: await getOwnResponderProfile(deps, principal) } satisfies OwnResponderAnswer;
  });

  app.put('/api/responders/me/availability', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const input = parseInput(availabilitySchema, request.body);
    return { responder: await setOwnAvailability(deps, principal, input) } satisfies OwnResponderAnswer;
  });

  app.put('/api/responders/me/contact', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const input = parseInput(contactSchema, request.body);
    return { responder: await setOwnContact(testPageDeps, principal, input) } satisfies OwnResponderAnswer;
  });

  app.post('/api/responders/me/contact/verify', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const input = parseInput(contactCodeSchema, request.body);
    return { responder: await verifyOwnContact(deps, principal, input) } satisfies OwnResponderAnswer;
  });

  app.get('/api/responders/me/push', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    return getPushPublicKey(deps, principal);
  });

  app.put('/api/responders/me/push', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const { subscription } = parseInput(pushSchema, request.body);
    return setOwnPushSubscription(deps, principal, subscription);
  });

  app.post('/api/responders/me/test-page', async (request, reply) => {
    const principal = await authenticator.requirePrincipal(request);
    return reply.status(202).send(await sendOwnTestPage(testPageDeps, principal));
  });

  app.post('/api/responders/me/location', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const point = parseInput(locationSchema, request.body);
    return shareOwnLocation(deps, principal, point);
  });

  app.delete('/api/responders/me/location', async (request, reply) => {
    const principal = await authenticator.requirePrincipal(request);
    await forgetOwnLocation(deps, principal);
    return reply.status(204).send();
  });
}
