import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { PlatformContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { parseInput } from '../../../platform/http/validation.ts';
import { createAuthenticator, setSessionCookie } from '../auth/index.ts';
import { isJsonPost } from './form-token.ts';
import { createInvitation, listInvitations, revokeInvitation } from './invitation.service.ts';
import type { JoinAttemptLimit } from './join-limits.ts';
import { acceptInvitation } from './join.service.ts';
import { createInvitationSchema, newMemberSchema } from './member.contract.ts';
import type { PendingInvitationList } from './member.contract.ts';
import { memberDepsFrom } from './member.service.ts';

const invitationParamsSchema = z.object({ invitationId: z.uuid() });

export function registerInvitationRoutes(
  app: FastifyInstance,
  context: PlatformContext,
  limitJoinAttempt: JoinAttemptLimit,
): void {
  const deps = memberDepsFrom(context);
  const authenticator = createAuthenticator(context);

  app.post('/api/invitations', async (request, reply) => {
    const principal = await authenticator.requirePrincipal(request);
    const input = parseInput(createInvitationSchema, request.body);
    const created = await createInvitation(
      { ...deps, publicUrl: context.config.publicUrl },
      principal,
      input,
    );
    return reply.status(201).send(created);
  });

  app.get('/api/invitations', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    return { invitations: await listInvitations(deps, principal) } satisfies PendingInvitationList;
  });

  app.delete('/api/invitations/:invitationId', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const { invitationId } = parseInput(invitationParamsSchema, request.params);
    return revokeInvitation(deps, principal, invitationId);
  });

  // No session yet, so no session CSRF token: requiring JSON means a cross-site form cannot post
  // here (a cross-origin JSON request needs a CORS preflight, which this server never grants).
  app.post('/api/invitations/:invitationToken/accept', async (request, reply) => {
    await limitJoinAttempt(request, true);
    if (!isJsonPost(request)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send JSON.');
    const { invitationToken } = parseInput(
      z.object({ invitationToken: z.string().max(100) }),
      request.params,
    );
    const input = parseInput(newMemberSchema, request.body);
    const joined = await acceptInvitation(deps, invitationToken, input);
    setSessionCookie(reply, joined.session.token);
    return reply.status(201).send({
      memberId: joined.memberId,
      networkId: joined.networkId,
      status: joined.status,
      pendingGrants: joined.pendingGrants,
      csrfToken: joined.session.csrfToken,
      next: 'enroll-second-factor',
    });
  });
}
