import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import { recordAudit } from '../audit/index.ts';
import { rooms } from '../../../platform/realtime/rooms.ts';
import { csrfTokenFor, hashPassword, startSession } from '../auth/index.ts';
import { claimInvitation } from './invitation.repository.ts';
import { findUsableInvitation, grantsStillValid, invitationUsed } from './invitation.service.ts';
import type { NewMemberInput } from './member.contract.ts';
import { createMemberRecord } from './member.service.ts';
import type { MemberDeps } from './member.service.ts';
import type { PendingPrivilegeGrant } from './member.contract.ts';
import { isPrivileged, requestInvitedPrivilegedGrants } from './privilege.service.ts';

export interface JoinedMember {
  memberId: string;
  networkId: string;
  status: 'probationary';
  /** Coordinator or admin grants of the invitation, waiting for a second admin (ADR 0026). */
  pendingGrants: PendingPrivilegeGrant[];
  /** The new session's cookie token (set it with setSessionCookie) and its CSRF token. */
  session: { token: string; expiresAt: number; csrfToken: string };
}

/**
 * Accepts an invitation: a probationary member with the invitation's roles and a first session.
 * The invitation is claimed in the same transaction, so a link works exactly once. Its coordinator
 * and admin grants are not granted here: they wait for a second admin, as requested by the inviter.
 */
export async function acceptInvitation(
  deps: MemberDeps,
  token: string,
  input: NewMemberInput,
): Promise<JoinedMember> {
  const invitation = await findUsableInvitation(deps, token);
  const invited = await grantsStillValid(deps, invitation);
  const roles = invited.filter((grant) => !isPrivileged(grant));
  // Hashed before the transaction: Argon2 takes tens of milliseconds and must not hold a lock.
  const passwordHash = await hashPassword(input.password);
  return inTransaction(deps, async (unitOfWork) => {
    const { trx } = unitOfWork;
    const memberId = await createMemberRecord(deps, trx, {
      networkId: invitation.network_id,
      displayName: input.displayName,
      email: input.email,
      passwordHash,
      status: 'probationary',
      roles,
      grantedBy: invitation.created_by,
    });
    if (!(await claimInvitation(trx, invitation.id, memberId, deps.clock.now()))) throw invitationUsed();
    const pendingGrants = await requestInvitedPrivilegedGrants(deps, trx, {
      networkId: invitation.network_id,
      memberId,
      invitationId: invitation.id,
      invitedBy: invitation.created_by,
      grants: invited.filter(isPrivileged),
    });
    const session = await startSession(
      deps,
      trx,
      { id: memberId, networkId: invitation.network_id },
      { secondFactor: null },
    );
    await recordAudit(deps, trx, {
      networkId: invitation.network_id,
      actorMemberId: memberId,
      action: 'member.joined',
      objectType: 'member',
      objectId: memberId,
      metadata: { invitationId: invitation.id, roles: roles.map((grant) => grant.role) },
    });
    unitOfWork.emit({
      type: 'member.joined',
      networkId: invitation.network_id,
      rooms: [rooms.role(invitation.network_id, 'coordinator')],
      data: { memberId },
      occurredAt: deps.clock.now(),
    });
    return {
      memberId,
      networkId: invitation.network_id,
      status: 'probationary' as const,
      pendingGrants,
      session: { token: session.token, expiresAt: session.expiresAt, csrfToken: csrfTokenFor(session.token) },
    };
  });
}
