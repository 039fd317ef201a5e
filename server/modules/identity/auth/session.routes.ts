import type { FastifyInstance } from 'fastify';
import { parseInput } from '../../../platform/http/validation.ts';
import type { AuthDeps } from './auth.deps.ts';
import type { Authenticator } from './authenticator.ts';
import { clearSessionCookie } from './authenticator.ts';
import { memberParamsSchema } from './auth.contract.ts';
import {
  describeSession,
  listOwnSessions,
  revokeMemberSessions,
  signOut,
  signOutEverywhere,
} from './session-management.service.ts';

export function registerSessionRoutes(
  app: FastifyInstance,
  deps: AuthDeps,
  authenticator: Authenticator,
): void {
  app.get('/api/auth/session', async (request) => {
    return describeSession(await authenticator.requirePrincipal(request, { allowWithoutSecondFactor: true }));
  });

  app.get('/api/auth/sessions', async (request) => {
    const principal = await authenticator.requirePrincipal(request, { allowWithoutSecondFactor: true });
    return listOwnSessions(deps, principal);
  });

  // Signed out already (or a stale cookie): nothing to end, and the cookie is cleared either way.
  app.post('/api/auth/sign-out', async (request, reply) => {
    if (await authenticator.findPrincipal(request)) {
      await signOut(deps, await authenticator.requirePrincipal(request, { allowWithoutSecondFactor: true }));
    }
    clearSessionCookie(reply);
    return reply.status(204).send();
  });

  app.post('/api/auth/sign-out-everywhere', async (request, reply) => {
    const principal = await authenticator.requirePrincipal(request, { allowWithoutSecondFactor: true });
    const result = await signOutEverywhere(deps, principal);
    clearSessionCookie(reply);
    return reply.send(result);
  });

  app.post('/api/members/:memberId/sessions/revoke', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const { memberId } = parseInput(memberParamsSchema, request.params);
    return revokeMemberSessions(deps, principal, memberId);
  });
}
