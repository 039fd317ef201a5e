import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseInput } from '../../../platform/http/validation.ts';
import type { SignInAnswer } from './auth.contract.ts';
import type { AuthDeps } from './auth.deps.ts';
import { sessionCookieName, setSessionCookie } from './authenticator.ts';
import {
  passkeySignInOptionsSchema,
  passkeySignInSchema,
  signInSchema,
  totpSignInSchema,
} from './auth.contract.ts';
import { addressKeyOf, requireSameOriginPost } from './request-guards.ts';
import { completeSignInWithPasskey, startPasskeySignIn } from './passkey-sign-in.service.ts';
import type { SignInResult } from './sign-in-common.service.ts';
import { completeSignInWithTotp, signInWithPassword } from './sign-in.service.ts';

/** Routes used before there is a session: password, second step, passkey. */
export function registerSignInRoutes(app: FastifyInstance, deps: AuthDeps): void {
  const origin = deps.relyingParty.origin;
  const previousTokenOf = (request: FastifyRequest) => request.cookies[sessionCookieName];

  app.post('/api/auth/sign-in', async (request, reply) => {
    requireSameOriginPost(request, origin);
    const input = parseInput(signInSchema, request.body);
    const result = await signInWithPassword(deps, {
      ...input,
      addressKey: addressKeyOf(request),
      previousToken: previousTokenOf(request),
    });
    return present(reply, result);
  });

  app.post('/api/auth/sign-in/totp', async (request, reply) => {
    requireSameOriginPost(request, origin);
    const input = parseInput(totpSignInSchema, request.body);
    const result = await completeSignInWithTotp(deps, { ...input, previousToken: previousTokenOf(request) });
    return present(reply, result);
  });

  app.post('/api/auth/passkeys/authenticate/options', async (request) => {
    requireSameOriginPost(request, origin);
    const { pendingToken } = parseInput(passkeySignInOptionsSchema, request.body ?? {});
    return startPasskeySignIn(deps, { pendingToken, addressKey: addressKeyOf(request) });
  });

  app.post('/api/auth/passkeys/authenticate/verify', async (request, reply) => {
    requireSameOriginPost(request, origin);
    const input = parseInput(passkeySignInSchema, request.body);
    const result = await completeSignInWithPasskey(deps, {
      ...input,
      addressKey: addressKeyOf(request),
      previousToken: previousTokenOf(request),
    });
    return present(reply, result);
  });
}

/** The session token goes only into the `__Host-` cookie, never into the body. */
function present(reply: FastifyReply, result: SignInResult) {
  if (result.status === 'second_factor_required') {
    return reply.send({
      status: result.status,
      methods: result.methods,
      pendingToken: result.pendingToken,
      expiresAt: result.expiresAt,
    } satisfies SignInAnswer);
  }
  setSessionCookie(reply, result.token);
  return reply.send({
    status: result.status,
    memberId: result.memberId,
    networkId: result.networkId,
    csrfToken: result.csrfToken,
  } satisfies SignInAnswer);
}
