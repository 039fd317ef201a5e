import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { recordAudit, recordSensitiveRead } from '../audit/index.ts';
import { areasFor, hasRole, requireRole, requireSecondFactorEnrolled } from '../auth/index.ts';
import type { Principal, RoleGrant } from '../auth/index.ts';
import { memberFieldContexts } from './member-contact.ts';
import { memberManagerRoles } from './member.policy.ts';
import {
  findMemberInNetwork,
  listCurrentMembers,
  listGrantsInNetwork,
  listGrantsOfMember,
  updateMember,
} from './member.repository.ts';
import type { StoredGrant } from './member.repository.ts';
import { decryptDisplayName } from './member.service.ts';
import type { MemberDeps } from './member.service.ts';
import type {
  ExerciseRecipientChange,
  MemberDetail,
  MemberListing,
  ResponderListing,
} from './member.contract.ts';
import { countVettingsInNetwork, listVettingsOf } from './vetting.repository.ts';

/**
 * Admins and coordinators see every current member; dispatchers see only responders (within their
 * areas when their grant is area-limited); everyone else is refused.
 */
export async function listMembers(deps: MemberDeps, principal: Principal): Promise<MemberListing> {
  const isManager = hasRole(principal, memberManagerRoles);
  if (!isManager) requireRole(principal, ['dispatcher']);
  const [rows, grants] = await Promise.all([
    listCurrentMembers(deps.db, principal.networkId),
    listGrantsInNetwork(deps.db, principal.networkId),
  ]);
  const grantsByMember = groupGrants(grants);
  if (isManager) {
    const vettings = await countVettingsInNetwork(deps.db, principal.networkId);
    return {
      view: 'full',
      members: rows.map((row) => ({
        id: row.id,
        displayName: decryptDisplayName(deps.crypto, row.display_name_enc),
        status: row.status,
        roles: grantsByMember.get(row.id) ?? [],
        vettingCount: vettings.get(row.id) ?? 0,
        isExerciseRecipient: row.is_exercise_recipient === 1,
        createdAt: row.created_at,
        vettedAt: row.vetted_at,
      })),
    };
  }
  const dispatcherAreas = areasFor(principal, ['dispatcher']);
  const members: ResponderListing[] = [];
  for (const row of rows) {
    if (row.status !== 'active') continue;
    const responderGrants = (grantsByMember.get(row.id) ?? []).filter(
      (grant) =>
        grant.role === 'responder' &&
        (dispatcherAreas === 'all' || grant.areaId === null || dispatcherAreas.includes(grant.areaId)),
    );
    if (responderGrants.length === 0) continue;
    members.push({
      id: row.id,
      displayName: decryptDisplayName(deps.crypto, row.display_name_enc),
      roles: responderGrants,
    });
  }
  return { view: 'responders', members };
}

/** One member with contact details. Reading the email is a sensitive read and is audited first. */
export async function getMember(
  deps: MemberDeps,
  principal: Principal,
  memberId: string,
): Promise<MemberDetail> {
  requireRole(principal, memberManagerRoles);
  requireSecondFactorEnrolled(principal);
  const row = await findMemberInNetwork(deps.db, principal.networkId, memberId);
  if (!row) throw memberNotFound();
  const [grants, vettings] = await Promise.all([
    listGrantsOfMember(deps.db, row.id),
    listVettingsOf(deps.db, row.id),
  ]);
  await inTransaction(deps, async ({ trx }) => {
    await recordSensitiveRead(deps, trx, {
      networkId: principal.networkId,
      actorMemberId: principal.memberId,
      action: 'member.contactRead',
      objectType: 'member',
      objectId: row.id,
      field: 'contact',
    });
  });
  return {
    id: row.id,
    displayName: decryptDisplayName(deps.crypto, row.display_name_enc),
    email: deps.crypto.decrypt(row.email_enc, memberFieldContexts.email),
    status: row.status,
    roles: grants.map(toGrant),
    vettingCount: vettings.length,
    vettings,
    isExerciseRecipient: row.is_exercise_recipient === 1,
    createdAt: row.created_at,
    vettedAt: row.vetted_at,
    removedAt: row.removed_at,
  };
}

/** Marks who receives exercise (test) alerts; see SECURITY.md "Alert safety". */
export async function setExerciseRecipient(
  deps: MemberDeps,
  principal: Principal,
  memberId: string,
  isExerciseRecipient: boolean,
): Promise<ExerciseRecipientChange> {
  requireRole(principal, memberManagerRoles);
  requireSecondFactorEnrolled(principal);
  return inTransaction(deps, async ({ trx }) => {
    const row = await findMemberInNetwork(trx, principal.networkId, memberId);
    if (!row) throw memberNotFound();
    if (row.status === 'removed') throw new AppError('MEMBER_REMOVED', 'This member was removed.');
    await updateMember(trx, row.id, { is_exercise_recipient: isExerciseRecipient ? 1 : 0 });
    await recordAudit(deps, trx, {
      networkId: principal.networkId,
      actorMemberId: principal.memberId,
      action: 'member.updated',
      objectType: 'member',
      objectId: row.id,
      metadata: { isExerciseRecipient },
    });
    return { id: row.id, isExerciseRecipient };
  });
}

export function memberNotFound(): AppError {
  return new AppError('MEMBER_NOT_FOUND', 'No such member.');
}

function toGrant(grant: StoredGrant): RoleGrant {
  return { role: grant.role, areaId: grant.areaId };
}

function groupGrants(grants: StoredGrant[]): Map<string, RoleGrant[]> {
  const byMember = new Map<string, RoleGrant[]>();
  for (const grant of grants) {
    const list = byMember.get(grant.memberId) ?? [];
    list.push(toGrant(grant));
    byMember.set(grant.memberId, list);
  }
  return byMember;
}
