import type { Transaction } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { newId } from '../../../platform/ids/ids.ts';
import { recordAudit } from '../audit/index.ts';
import { rooms } from '../../../platform/realtime/rooms.ts';
import { requireRole, requirePasskeyStepUp, revokeSessionsOfMember } from '../auth/index.ts';
import type { Principal, RoleGrant } from '../auth/index.ts';
import { memberNotFound } from './member-directory.service.ts';
import { normalizeGrants } from './member.policy.ts';
import {
  countOtherAdmins,
  deleteRoleGrants,
  findMemberInNetwork,
  insertRoleGrants,
  listGrantsOfMember,
  lockNetworkMembership,
  updateMember,
} from './member.repository.ts';
import { requireAreasInNetwork } from './member.service.ts';
import { isPrivileged, requestPrivilegedGrants } from './privilege.service.ts';
import type { MemberDeps } from './member.service.ts';
import type { ChangedRoles, RemovedMember } from './member.contract.ts';
import type { MembersTable } from './member.tables.ts';

const grantKey = (grant: RoleGrant): string => `${grant.role}:${grant.areaId ?? '*'}`;

/**
 * Replaces a member's role grants (admin only, fresh step-up). Each grant and revocation is
 * audited; the network always keeps at least one active admin. Coordinator and admin grants the
 * member does not hold yet become pending grants a second admin approves (ADR 0019).
 */
export async function replaceMemberRoles(
  deps: MemberDeps,
  principal: Principal,
  memberId: string,
  requested: { role: RoleGrant['role']; areaId?: string | null }[],
): Promise<ChangedRoles> {
  requireRole(principal, ['admin']);
  requirePasskeyStepUp(principal, deps.clock);
  const wanted = normalizeGrants(requested);
  return inTransaction(deps, async (unitOfWork) => {
    const { trx } = unitOfWork;
    await lockNetworkMembership(trx, deps.dialect, principal.networkId);
    const member = await findCurrentMember(trx, principal.networkId, memberId);
    await requireAreasInNetwork(trx, principal.networkId, wanted);
    const current = await listGrantsOfMember(trx, member.id);
    const wantedKeys = new Set(wanted.map(grantKey));
    const currentKeys = new Set(current.map(grantKey));
    const revoked = current.filter((grant) => !wantedKeys.has(grantKey(grant)));
    const added = wanted.filter((grant) => !currentKeys.has(grantKey(grant)));
    // One admin never makes a coordinator or admin alone: those wait for a second admin.
    const granted = added.filter((grant) => !isPrivileged(grant));
    const pendingGrants = await requestPrivilegedGrants(deps, trx, principal, {
      memberId: member.id,
      requested: added.filter(isPrivileged),
      revoked,
    });
    const keepsAdmin = wanted.some((grant) => grant.role === 'admin');
    if (current.some((grant) => grant.role === 'admin') && !keepsAdmin) {
      await requireAnotherAdmin(trx, member);
    }
    const now = deps.clock.now();
    await deleteRoleGrants(
      trx,
      revoked.map((grant) => grant.id),
    );
    await insertRoleGrants(
      trx,
      granted.map((grant) => ({
        id: newId(),
        network_id: principal.networkId,
        member_id: member.id,
        role: grant.role,
        area_id: grant.areaId,
        granted_by: principal.memberId,
        created_at: now,
      })),
    );
    const changes = [
      ...revoked.map((grant) => ({ action: 'member.roleRevoked' as const, grant })),
      ...granted.map((grant) => ({ action: 'member.roleGranted' as const, grant })),
    ];
    for (const { action, grant } of changes) {
      await recordAudit(deps, trx, {
        networkId: principal.networkId,
        actorMemberId: principal.memberId,
        action,
        objectType: 'member',
        objectId: member.id,
        metadata: { role: grant.role, areaId: grant.areaId },
      });
    }
    if (changes.length > 0) {
      unitOfWork.emit({
        type: 'member.rolesChanged',
        networkId: principal.networkId,
        rooms: [rooms.member(member.id)],
        data: { memberId: member.id },
        occurredAt: now,
      });
    }
    const held = wanted.filter((grant) => currentKeys.has(grantKey(grant)) || !isPrivileged(grant));
    return { id: member.id, roles: held, pendingGrants };
  });
}

/**
 * Removes a member (admin only, fresh step-up): status 'removed' and every session revoked, so
 * their very next request is refused. The last active admin cannot be removed.
 */
export async function removeMember(
  deps: MemberDeps,
  principal: Principal,
  memberId: string,
): Promise<RemovedMember> {
  requireRole(principal, ['admin']);
  requirePasskeyStepUp(principal, deps.clock);
  return inTransaction(deps, async (unitOfWork) => {
    const { trx } = unitOfWork;
    await lockNetworkMembership(trx, deps.dialect, principal.networkId);
    const member = await findCurrentMember(trx, principal.networkId, memberId);
    const grants = await listGrantsOfMember(trx, member.id);
    if (grants.some((grant) => grant.role === 'admin')) await requireAnotherAdmin(trx, member);
    const now = deps.clock.now();
    await updateMember(trx, member.id, { status: 'removed', removed_at: now, is_exercise_recipient: 0 });
    await revokeSessionsOfMember(trx, member.id, now);
    await recordAudit(deps, trx, {
      networkId: principal.networkId,
      actorMemberId: principal.memberId,
      action: 'member.removed',
      objectType: 'member',
      objectId: member.id,
      metadata: { roles: grants.map((grant) => grant.role) },
    });
    unitOfWork.emit({
      type: 'member.removed',
      networkId: principal.networkId,
      rooms: [rooms.role(principal.networkId, 'admin'), rooms.role(principal.networkId, 'coordinator')],
      data: { memberId: member.id },
      occurredAt: now,
    });
    // The realtime module's contract: this closes every open stream of the member at once.
    unitOfWork.emit({
      type: 'session.revoked',
      networkId: principal.networkId,
      rooms: [rooms.member(member.id)],
      data: { memberId: member.id },
      occurredAt: now,
    });
    return { id: member.id, status: 'removed' as const };
  });
}

async function findCurrentMember(
  trx: Transaction<Database>,
  networkId: string,
  memberId: string,
): Promise<MembersTable> {
  const member = await findMemberInNetwork(trx, networkId, memberId);
  if (!member) throw memberNotFound();
  if (member.status === 'removed') throw new AppError('MEMBER_REMOVED', 'This member was removed.');
  return member;
}

async function requireAnotherAdmin(trx: Transaction<Database>, member: MembersTable): Promise<void> {
  // A probationary or suspended holder of the admin role is not an admin who can act.
  const others = await countOtherAdmins(trx, member.network_id, member.id);
  if (others === 0 && member.status === 'active') {
    throw new AppError('LAST_ADMIN', 'The network must keep at least one admin.');
  }
}
