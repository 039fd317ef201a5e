import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import type { UnitOfWork } from '../../../platform/database/unit-of-work.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { newId } from '../../../platform/ids/ids.ts';
import { rooms } from '../../../platform/realtime/rooms.ts';
import { recordAudit } from '../audit/index.ts';
import { requireRole, requirePasskeyStepUp } from '../auth/index.ts';
import type { Principal, RoleGrant } from '../auth/index.ts';
import { getNetworkSettings } from '../networks/index.ts';
import type {
  ApprovedPrivilegeGrant,
  PendingPrivilegeGrant,
  PendingPrivilegeGrantList,
  Role,
} from './member.contract.ts';
import {
  findMemberInNetwork,
  insertRoleGrants,
  listGrantsOfMember,
  lockNetworkMembership,
} from './member.repository.ts';
import { decryptDisplayName } from './member.service.ts';
import type { MemberDeps } from './member.service.ts';
import {
  listGrantsWithCoolingOff,
  decidePrivilegeGrant,
  findPrivilegeGrant,
  insertPrivilegeGrants,
  insertPrivilegeRevocations,
  listMemberNames,
  listPendingPrivilegeGrants,
  listPendingPrivilegeGrantsOfMember,
  wasPrivilegedSince,
} from './privilege.repository.ts';
import type { PrivilegeGrantsTable } from './privilege.tables.ts';

/** Roles that one admin alone never hands out (ADR 0019). */
export const privilegedRoles: readonly Role[] = ['admin', 'coordinator'];
/** How long a privilege is remembered when deciding whether a recovery needs a second approver. */
export const privilegeMemoryMs = 30 * 24 * 60 * 60 * 1000;
const hourMs = 60 * 60 * 1000;

const grantKey = (grant: { role: Role; areaId?: string | null; area_id?: string | null }): string =>
  `${grant.role}:${grant.areaId ?? grant.area_id ?? '*'}`;

export const isPrivileged = (grant: { role: Role }): boolean => privilegedRoles.includes(grant.role);

/**
 * Inside replaceMemberRoles' transaction: privileged grants the member does not hold become pending
 * requests (an identical pending one is kept), pending requests no longer wanted are withdrawn, and
 * privileged roles that end are remembered. Returns the grants still waiting.
 */
export async function requestPrivilegedGrants(
  deps: MemberDeps,
  trx: Transaction<Database>,
  principal: Principal,
  input: { memberId: string; requested: readonly RoleGrant[]; revoked: readonly RoleGrant[] },
): Promise<PendingPrivilegeGrant[]> {
  const now = deps.clock.now();
  const pending = await listPendingPrivilegeGrantsOfMember(trx, input.memberId);
  const requestedKeys = new Set(input.requested.map(grantKey));
  const pendingKeys = new Set(pending.map(grantKey));
  for (const row of pending.filter((grant) => !requestedKeys.has(grantKey(grant)))) {
    await decidePrivilegeGrant(trx, row.id, { state: 'withdrawn', decidedBy: principal.memberId, now });
  }
  const kept = pending.filter((grant) => requestedKeys.has(grantKey(grant)));
  const created: PrivilegeGrantsTable[] = input.requested
    .filter((grant) => !pendingKeys.has(grantKey(grant)))
    .map((grant) => ({
      id: newId(),
      network_id: principal.networkId,
      member_id: input.memberId,
      role: grant.role,
      area_id: grant.areaId,
      state: 'pending',
      requested_by: principal.memberId,
      requested_at: now,
      decided_by: null,
      decided_at: null,
    }));
  await insertPrivilegeGrants(trx, created);
  await insertPrivilegeRevocations(
    trx,
    input.revoked.filter(isPrivileged).map((grant) => ({
      id: newId(),
      network_id: principal.networkId,
      member_id: input.memberId,
      role: grant.role,
      revoked_at: now,
    })),
  );
  for (const row of created) {
    await recordAudit(deps, trx, {
      networkId: principal.networkId,
      actorMemberId: principal.memberId,
      action: 'member.privilegeGrantRequested',
      objectType: 'member',
      objectId: input.memberId,
      metadata: { grantId: row.id, role: row.role, areaId: row.area_id },
    });
  }
  return [...kept, ...created].map(presentPending);
}

/**
 * Inside acceptInvitation's transaction: the coordinator or admin part of an invitation becomes
 * pending grants asked for by the inviter, so a second admin approves them with a passkey step-up
 * like any other privileged grant (issue 14, item 4). The other roles were granted with the join.
 */
export async function requestInvitedPrivilegedGrants(
  deps: MemberDeps,
  trx: Transaction<Database>,
  input: {
    networkId: string;
    memberId: string;
    invitationId: string;
    invitedBy: string;
    grants: readonly RoleGrant[];
  },
): Promise<PendingPrivilegeGrant[]> {
  const now = deps.clock.now();
  const created: PrivilegeGrantsTable[] = input.grants.map((grant) => ({
    id: newId(),
    network_id: input.networkId,
    member_id: input.memberId,
    role: grant.role,
    area_id: grant.areaId,
    state: 'pending',
    requested_by: input.invitedBy,
    requested_at: now,
    decided_by: null,
    decided_at: null,
  }));
  await insertPrivilegeGrants(trx, created);
  for (const row of created) {
    await recordAudit(deps, trx, {
      networkId: input.networkId,
      actorMemberId: input.memberId,
      action: 'member.privilegeGrantRequested',
      objectType: 'member',
      objectId: input.memberId,
      metadata: {
        grantId: row.id,
        role: row.role,
        areaId: row.area_id,
        requestedBy: input.invitedBy,
        invitationId: input.invitationId,
      },
    });
  }
  return created.map(presentPending);
}

/** Pending coordinator and admin grants of the admin's network, with names (admins only). */
export async function listPendingGrants(
  deps: MemberDeps,
  principal: Principal,
): Promise<PendingPrivilegeGrantList> {
  requireRole(principal, ['admin']);
  const rows = await listPendingPrivilegeGrants(deps.db, principal.networkId);
  const names = new Map(
    (
      await listMemberNames(
        deps.db,
        rows.flatMap((row) => [row.member_id, row.requested_by]),
      )
    ).map((row) => [row.id, decryptDisplayName(deps.crypto, row.display_name_enc)]),
  );
  return {
    grants: rows.map((row) => ({
      ...presentPending(row),
      memberName: names.get(row.member_id) ?? '',
      requesterName: names.get(row.requested_by) ?? '',
    })),
  };
}

/**
 * The second admin: neither the one who asked for the grant nor the member receiving it, with a
 * fresh step-up. The role is granted with a cooling-off (network setting, default 24 h) during
 * which it approves no alert. Both the request and the approval are audited.
 */
export async function approvePrivilegeGrant(
  deps: MemberDeps,
  principal: Principal,
  grantId: string,
): Promise<ApprovedPrivilegeGrant> {
  requireRole(principal, ['admin']);
  requirePasskeyStepUp(principal, deps.clock);
  const settings = await getNetworkSettings(deps.db, principal.networkId);
  return inTransaction(deps, async (unitOfWork) => {
    const { trx } = unitOfWork;
    await lockNetworkMembership(trx, deps.dialect, principal.networkId);
    const grant = await findPrivilegeGrant(trx, principal.networkId, grantId);
    if (!grant) throw new AppError('PRIVILEGE_GRANT_NOT_FOUND', 'No such pending grant.');
    if (grant.requested_by === principal.memberId || grant.member_id === principal.memberId) {
      throw new AppError(
        'PRIVILEGE_APPROVER_NOT_DIFFERENT',
        'A different admin must approve a grant you asked for or that you receive.',
      );
    }
    const member = await findMemberInNetwork(trx, principal.networkId, grant.member_id);
    if (!member || member.status === 'removed') {
      throw new AppError('MEMBER_REMOVED', 'This member was removed.');
    }
    const now = deps.clock.now();
    if (
      !(await decidePrivilegeGrant(trx, grant.id, { state: 'approved', decidedBy: principal.memberId, now }))
    ) {
      throw new AppError('PRIVILEGE_GRANT_NOT_PENDING', 'This grant was already approved or withdrawn.');
    }
    const coolingOffUntil = now + settings.privilegeCoolingOffHours * hourMs;
    await grantRole(trx, grant, coolingOffUntil, now);
    await recordAudit(deps, trx, {
      networkId: principal.networkId,
      actorMemberId: principal.memberId,
      action: 'member.privilegeGrantApproved',
      objectType: 'member',
      objectId: grant.member_id,
      metadata: {
        grantId: grant.id,
        role: grant.role,
        areaId: grant.area_id,
        requestedBy: grant.requested_by,
      },
    });
    emitRolesChanged(unitOfWork, principal.networkId, grant.member_id, now);
    return {
      id: grant.id,
      memberId: grant.member_id,
      role: grant.role,
      areaId: grant.area_id,
      approvedAt: now,
      coolingOffUntil,
    };
  });
}

async function grantRole(
  trx: Transaction<Database>,
  grant: PrivilegeGrantsTable,
  coolingOffUntil: number,
  now: number,
): Promise<void> {
  const held = await listGrantsOfMember(trx, grant.member_id);
  if (held.some((current) => grantKey(current) === grantKey(grant))) return;
  await insertRoleGrants(trx, [
    {
      id: newId(),
      network_id: grant.network_id,
      member_id: grant.member_id,
      role: grant.role,
      area_id: grant.area_id,
      granted_by: grant.requested_by,
      created_at: now,
      cooling_off_until: coolingOffUntil,
    },
  ]);
}

function emitRolesChanged(unitOfWork: UnitOfWork, networkId: string, memberId: string, now: number): void {
  unitOfWork.emit({
    type: 'member.rolesChanged',
    networkId,
    rooms: [rooms.member(memberId)],
    data: { memberId },
    occurredAt: now,
  });
}

/**
 * Alert approval, per area: the cooling-off (granted by a second admin less than the network's
 * cooling-off ago) counts for each area grant on its own. The approver is refused when one of the
 * alert's areas (or, for an alert without areas, the whole network) is reached only through a grant
 * still cooling off: an older coordinator of area A newly granted area B does not approve for B.
 */
export async function requireCooledOff(
  deps: { db: Kysely<Database>; clock: { now(): number } },
  principal: Principal,
  roles: readonly Role[],
  alertAreaIds: readonly string[],
): Promise<void> {
  const grants = await listGrantsWithCoolingOff(deps.db, principal.memberId, roles);
  if (isStillCoolingOff(grants, alertAreaIds, deps.clock.now())) {
    throw new AppError(
      'PRIVILEGE_COOLING_OFF',
      'A newly granted coordinator cannot approve alerts yet. Ask another coordinator.',
    );
  }
}

/** Whether some alert area is covered by a grant cooling off and by no grant already cooled. */
export function isStillCoolingOff(
  grants: readonly { areaId: string | null; coolingOffUntil: number | null }[],
  alertAreaIds: readonly string[],
  now: number,
): boolean {
  const isCooling = (grant: { coolingOffUntil: number | null }) =>
    grant.coolingOffUntil !== null && grant.coolingOffUntil > now;
  const cooled = grants.filter((grant) => !isCooling(grant));
  const cooling = grants.filter(isCooling);
  const covers = (set: typeof grants, areaId: string | null) =>
    set.some((grant) => grant.areaId === null || grant.areaId === areaId);
  // An alert without areas reaches the whole network: only an unlimited grant covers it.
  const targets: (string | null)[] = alertAreaIds.length === 0 ? [null] : [...alertAreaIds];
  return targets.some((areaId) => covers(cooling, areaId) && !covers(cooled, areaId));
}

/** Whether recovering this member needs a second approver: privileged now or in the last 30 days. */
export async function needsSecondRecoveryApprover(
  db: Kysely<Database>,
  memberId: string,
  now: number,
): Promise<boolean> {
  return wasPrivilegedSince(db, memberId, privilegedRoles, now - privilegeMemoryMs);
}

function presentPending(row: PrivilegeGrantsTable): PendingPrivilegeGrant {
  return {
    id: row.id,
    memberId: row.member_id,
    role: row.role,
    areaId: row.area_id,
    requestedBy: row.requested_by,
    requestedAt: row.requested_at,
  };
}
