import type { FastifyInstance } from 'fastify';
import { parseInput } from '../../../platform/http/validation.ts';
import type { AuthDeps } from './auth.deps.ts';
import type { Authenticator } from './authenticator.ts';
import {
  codeSchema,
  passkeyParamsSchema,
  passkeyRegistrationSchema,
  passkeyRenameSchema,
  stepUpSchema,
} from './auth.contract.ts';
import {
  deleteOwnPasskey,
  finishPasskeyRegistration,
  listOwnPasskeys,
  renameOwnPasskey,
  startPasskeyRegistration,
} from './passkey.service.ts';
import { startPasskeyStepUp, stepUp } from './step-up.service.ts';
import { confirmTotp, enrollTotp, removeTotp } from './totp.service.ts';

/** Enrolling and removing second factors, and step-up, for the signed-in member. */
export function registerSecondFactorRoutes(
  app: FastifyInstance,
  deps: AuthDeps,
  authenticator: Authenticator,
): void {
  app.post('/api/auth/totp/enroll', async (request) => {
    // Enrolling is what a member without a factor must do first.
    const principal = await authenticator.requirePrincipal(request, { allowWithoutSecondFactor: true });
    return enrollTotp(deps, principal);
  });

  app.post('/api/auth/totp/confirm', async (request) => {
    // Enrolling is what a member without a factor must do first.
    const principal = await authenticator.requirePrincipal(request, { allowWithoutSecondFactor: true });
    const { code } = parseInput(codeSchema, request.body);
    return confirmTotp(deps, principal, code);
  });

  app.delete('/api/auth/totp', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    return removeTotp(deps, principal);
  });

  app.post('/api/auth/passkeys/register/options', async (request) => {
    // Enrolling is what a member without a factor must do first.
    const principal = await authenticator.requirePrincipal(request, { allowWithoutSecondFactor: true });
    return startPasskeyRegistration(deps, principal);
  });

  app.post('/api/auth/passkeys/register/verify', async (request, reply) => {
    // Enrolling is what a member without a factor must do first.
    const principal = await authenticator.requirePrincipal(request, { allowWithoutSecondFactor: true });
    const { response, name } = parseInput(passkeyRegistrationSchema, request.body);
    return reply.status(201).send(await finishPasskeyRegistration(deps, principal, response, name));
  });

  app.get('/api/auth/passkeys', async (request) => {
    // Enrolling is what a member without a factor must do first.
    const principal = await authenticator.requirePrincipal(request, { allowWithoutSecondFactor: true });
    return listOwnPasskeys(deps, principal);
  });

  app.patch('/api/auth/passkeys/:passkeyId', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const { passkeyId } = parseInput(passkeyParamsSchema, request.params);
    const { name } = parseInput(passkeyRenameSchema, request.body);
    return renameOwnPasskey(deps, principal, passkeyId, name);
  });

  app.delete('/api/auth/passkeys/:passkeyId', async (request, reply) => {
    const principal = await authenticator.requirePrincipal(request);
    const { passkeyId } = parseInput(passkeyParamsSchema, request.params);
    await deleteOwnPasskey(deps, principal, passkeyId);
    return reply.status(204).send();
  });

  app.post('/api/auth/step-up/options', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    return startPasskeyStepUp(deps, principal);
  });

  app.post('/api/auth/step-up', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const proof = parseInput(stepUpSchema, request.body);
    return stepUp(deps, principal, proof);
  });
}
