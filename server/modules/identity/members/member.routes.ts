import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { PlatformContext } from '../../../platform/context.ts';
import { parseInput } from '../../../platform/http/validation.ts';
import { createAuthenticator } from '../auth/index.ts';
import { replaceMemberRoles, removeMember } from './member-admin.service.ts';
import { getMember, listMembers, setExerciseRecipient } from './member-directory.service.ts';
import {
  exerciseRecipientSchema,
  memberIdSchema,
  privilegeGrantIdSchema,
  replaceRolesSchema,
} from './member.contract.ts';
import { memberDepsFrom } from './member.service.ts';
import { approvePrivilegeGrant, listPendingGrants } from './privilege.service.ts';
import { vetMember } from './vetting.service.ts';

const memberParamsSchema = z.object({ memberId: memberIdSchema });
const grantParamsSchema = z.object({ grantId: privilegeGrantIdSchema });

export function registerMemberApiRoutes(app: FastifyInstance, context: PlatformContext): void {
  const deps = memberDepsFrom(context);
  const authenticator = createAuthenticator(context);

  app.get('/api/members', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    return listMembers(deps, principal);
  });

  app.get('/api/members/:memberId', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const { memberId } = parseInput(memberParamsSchema, request.params);
    return getMember(deps, principal, memberId);
  });

  app.put('/api/members/:memberId/roles', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const { memberId } = parseInput(memberParamsSchema, request.params);
    const { roles } = parseInput(replaceRolesSchema, request.body);
    return replaceMemberRoles(deps, principal, memberId, roles);
  });

  app.delete('/api/members/:memberId', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const { memberId } = parseInput(memberParamsSchema, request.params);
    return removeMember(deps, principal, memberId);
  });

  app.post('/api/members/:memberId/exercise-recipient', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const { memberId } = parseInput(memberParamsSchema, request.params);
    const { isExerciseRecipient } = parseInput(exerciseRecipientSchema, request.body);
    return setExerciseRecipient(deps, principal, memberId, isExerciseRecipient);
  });

  app.post('/api/members/:memberId/vettings', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const { memberId } = parseInput(memberParamsSchema, request.params);
    return vetMember(deps, principal, memberId);
  });

  app.get('/api/privilege-grants', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    return listPendingGrants(deps, principal);
  });

  app.post('/api/privilege-grants/:grantId/approve', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const { grantId } = parseInput(grantParamsSchema, request.params);
    return approvePrivilegeGrant(deps, principal, grantId);
  });
}
