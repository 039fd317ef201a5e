import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../../../platform/context.ts';
import { parseInput } from '../../../platform/http/validation.ts';
import { createAuthenticator } from '../auth/index.ts';
import { invitationImportSchema } from './invitation-import.contract.ts';
import type { ImportPreview, ImportSent } from './invitation-import.contract.ts';
import { previewInvitationImport, sendInvitationImport } from './invitation-import.service.ts';
import { memberDepsFrom } from './member.service.ts';

/** Volunteers from a CSV: a preview with each row's problems, then the invitations sent in bulk. */
export function registerInvitationImportRoutes(app: FastifyInstance, context: PlatformContext): void {
  const channels = { email: context.senders.email !== null, sms: context.senders.sms !== null };
  const deps = { ...memberDepsFrom(context), channels };
  const sendDeps = { ...deps, publicUrl: context.config.publicUrl, jobs: context.jobs };
  const authenticator = createAuthenticator(context);

  app.post('/api/invitation-imports/preview', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const input = parseInput(invitationImportSchema, request.body);
    return (await previewInvitationImport(deps, principal, input)) satisfies ImportPreview;
  });

  app.post('/api/invitation-imports', async (request, reply) => {
    const principal = await authenticator.requirePrincipal(request);
    const input = parseInput(invitationImportSchema, request.body);
    const sent = await sendInvitationImport(sendDeps, principal, input);
    return reply.status(201).send(sent satisfies ImportSent);
  });
}
