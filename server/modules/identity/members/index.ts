import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../../../platform/context.ts';
import { registerInvitationImportRoutes } from './invitation-import.routes.ts';
import { registerInvitationRoutes } from './invitation.routes.ts';
import { createJoinAttemptLimit } from './join-limits.ts';
import { registerJoinRoutes } from './join.routes.ts';
import { registerMemberApiRoutes } from './member.routes.ts';
import { registerRecoveryRoutes } from './recovery.routes.ts';

export { memberEmailIndexPurpose, memberFieldContexts, normalizeEmail } from './member-contact.ts';
// Handed to auth by the composition root (server/context.ts) as context.ports.memberAccounts.
export { memberAccounts } from './member-accounts.repository.ts';
export { createMemberRecord, memberDepsFrom } from './member.service.ts';
export type { MemberDeps, NewMemberRecord } from './member.service.ts';
export { displayNameSchema, emailSchema, passwordSchema, roleGrantSchema } from './member.contract.ts';
export { vettingsRequired } from './vetting.service.ts';
// Alert approval refuses a coordinator still cooling off after a second admin granted the role.
export { requireCooledOff } from './privilege.service.ts';
export { hashInvitationToken } from './invitation.service.ts';
export { hasValidFormToken, isFormPost, isJsonPost, issueFormToken } from './form-token.ts';
export {
  purgeRecoveryLinksEveryMs,
  purgeRecoveryLinksJob,
  recoveryLinkPurgeTask,
  recoveryLinkRetentionMs,
} from './recovery.jobs.ts';
export { roles } from './member.tables.ts';
export type { MemberStatus, Role } from './member.tables.ts';
// Narrow reads for other modules (alerts, dispatch, incidents, responders): they never name the
// members tables themselves.
export {
  activeMembersHoldingRole,
  countExerciseRecipients,
  countVettingsOfMembers,
  filterActiveMembersHoldingRole,
  findActiveMemberEmailEnc,
  findExerciseRecipientContact,
  findMemberDisplayNamesEnc,
  findMemberHoldingRole,
  findMemberLanguagesJson,
  listExerciseRecipients,
  listRoleGrantsOf,
  membersHoldingRole,
} from './member-reads.repository.ts';
export type { RoleCoverage } from './member-reads.repository.ts';

/** Members, invitations, vetting, the join page and admin-assisted recovery links. */
export function registerMemberRoutes(app: FastifyInstance, context: PlatformContext): void {
  registerMemberApiRoutes(app, context);
  const limitJoinAttempt = createJoinAttemptLimit(context);
  registerInvitationRoutes(app, context, limitJoinAttempt);
  registerInvitationImportRoutes(app, context);
  registerJoinRoutes(app, context, limitJoinAttempt);
  registerRecoveryRoutes(app, context);
}
