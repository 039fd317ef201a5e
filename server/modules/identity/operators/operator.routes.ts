import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { PlatformContext } from '../../../platform/context.ts';
import { parseInput } from '../../../platform/http/validation.ts';
import { createAuthDeps } from '../auth/auth.deps.ts';
import { clearSessionCookie, sessionCookieName, setSessionCookie } from '../auth/authenticator.ts';
import { addressKeyOf, requireSameOriginPost } from '../auth/request-guards.ts';
import { findLiveSessionByTokenHash } from '../auth/session.repository.ts';
import { hashSessionToken } from '../auth/session.service.ts';
import { completeOperatorSetup, showOperatorSetup, signInOperator } from './operator-account.service.ts';
import {
  createOperatorNetwork,
  listNetworkHealth,
  setNetworkSuspension,
} from './operator-network.service.ts';
import type { OperatorDeps } from './operator-network.service.ts';
import { requireOperator } from './operator-session.service.ts';
import { operatorNetworkIdSchema, operatorSetupTokenSchema } from './operator.contract.ts';
import type { OperatorSessionView } from './operator.contract.ts';
import { revokeOperatorSession } from './operator.repository.ts';

/** The deployment operator's API (ADR 0032): setup, sign-in, and networks in counts only. */
export function registerOperatorApiRoutes(app: FastifyInstance, context: PlatformContext): void {
  const deps: OperatorDeps = {
    ...createAuthDeps(context),
    publicUrl: context.config.publicUrl,
    networkActivity: context.ports.networkActivity,
  };
  const origin = deps.relyingParty.origin;
  const tokenOf = (request: FastifyRequest) => request.cookies[sessionCookieName];
  const isMemberSession = async (token: string) =>
    (await findLiveSessionByTokenHash(deps.db, hashSessionToken(token))) !== undefined;
  const operatorOf = (request: FastifyRequest) =>
    requireOperator(deps, request, tokenOf(request), isMemberSession);

  app.get('/api/operator/setup/:token', async (request) => {
    const { token } = parseInput(operatorSetupTokenSchema, request.params);
    return showOperatorSetup(deps, token);
  });

  app.post('/api/operator/setup/:token', async (request) => {
    requireSameOriginPost(request, origin);
    const { token } = parseInput(operatorSetupTokenSchema, request.params);
    return completeOperatorSetup(deps, token, request.body);
  });

  app.post('/api/operator/sign-in', async (request, reply) => {
    requireSameOriginPost(request, origin);
    const result = await signInOperator(deps, request.body, { addressKey: addressKeyOf(request) });
    setSessionCookie(reply, result.token);
    return { operatorId: result.operatorId, csrfToken: result.csrfToken } satisfies OperatorSessionView;
  });

  app.get('/api/operator/session', async (request) => {
    const operator = await operatorOf(request);
    return { operatorId: operator.operatorId, csrfToken: operator.csrfToken } satisfies OperatorSessionView;
  });

  app.post('/api/operator/sign-out', async (request, reply) => {
    const operator = await operatorOf(request);
    await revokeOperatorSession(deps.db, operator.sessionId, deps.clock.now());
    clearSessionCookie(reply);
    return reply.status(204).send();
  });

  app.get('/api/operator/networks', async (request) => listNetworkHealth(deps, await operatorOf(request)));

  app.post('/api/operator/networks', async (request, reply) => {
    const operator = await operatorOf(request);
    return reply.status(201).send(await createOperatorNetwork(deps, operator, request.body));
  });

  for (const [verb, isSuspended] of [
    ['suspend', true],
    ['resume', false],
  ] as const) {
    app.post(`/api/operator/networks/:networkId/${verb}`, async (request) => {
      const operator = await operatorOf(request);
      const { networkId } = parseInput(operatorNetworkIdSchema, request.params);
      return setNetworkSuspension(deps, operator, { networkId, isSuspended, input: request.body });
    });
  }
}
