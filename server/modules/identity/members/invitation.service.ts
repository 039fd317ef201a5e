import { createHash } from 'node:crypto';
import { z } from 'zod';
import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { newId, newSecretToken } from '../../../platform/ids/ids.ts';
import { recordAudit } from '../audit/index.ts';
import { hasRole, requireRole, requireSecondFactorEnrolled } from '../auth/index.ts';
import type { Principal, RoleGrant } from '../auth/index.ts';
import { findAreaIdsInNetwork } from '../networks/index.ts';
import { normalizeGrants, memberManagerRoles, requireCanGrant } from './member.policy.ts';
import { roleGrantSchema } from './member.contract.ts';
import type { CreatedInvitation, PendingInvitation, RevokedInvitation } from './member.contract.ts';
import { requireAreasInNetwork } from './member.service.ts';
import type { MemberDeps } from './member.service.ts';
import type { InvitationsTable, Role } from './member.tables.ts';
import {
  findInvitationByTokenHash,
  findInvitationInNetwork,
  insertInvitation,
  listPendingInvitations,
  markInvitationRevoked,
} from './invitation.repository.ts';

const hourMs = 60 * 60 * 1000;
const storedGrantsSchema = z.array(roleGrantSchema);
const tokenFormat = /^[A-Za-z0-9_-]{43}$/;

export function hashInvitationToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * An admin or coordinator (with a second factor) invites someone with a set of role grants. The
 * link carries a 256-bit token; the database holds only its SHA-256.
 */
export async function createInvitation(
  deps: MemberDeps & { publicUrl: string },
  principal: Principal,
  input: { roles: { role: Role; areaId?: string | null }[]; expiresInHours: number },
): Promise<CreatedInvitation> {
  requireRole(principal, memberManagerRoles);
  requireSecondFactorEnrolled(principal);
  const grants = normalizeGrants(input.roles);
  requireCanGrant(principal, grants);
  await requireAreasInNetwork(deps.db, principal.networkId, grants);
  const token = newSecretToken(32);
  const now = deps.clock.now();
  const invitation: InvitationsTable = {
    id: newId(),
    network_id: principal.networkId,
    token_hash: hashInvitationToken(token),
    roles: JSON.stringify(grants),
    created_by: principal.memberId,
    created_at: now,
    expires_at: now + input.expiresInHours * hourMs,
    used_at: null,
    used_by: null,
    revoked_at: null,
  };
  await inTransaction(deps, async ({ trx }) => {
    await insertInvitation(trx, invitation);
    await recordAudit(deps, trx, {
      networkId: principal.networkId,
      actorMemberId: principal.memberId,
      action: 'member.invited',
      objectType: 'invitation',
      objectId: invitation.id,
      metadata: { roles: grants.map(describeGrant), expiresAt: invitation.expires_at },
    });
  });
  return { id: invitation.id, link: `${deps.publicUrl}/join/${token}`, expiresAt: invitation.expires_at };
}

export async function listInvitations(deps: MemberDeps, principal: Principal): Promise<PendingInvitation[]> {
  requireRole(principal, memberManagerRoles);
  const rows = await listPendingInvitations(deps.db, principal.networkId, deps.clock.now());
  return rows.map((row) => ({
    id: row.id,
    roles: parseStoredGrants(row.roles),
    createdBy: row.created_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  }));
}

/** Admins revoke any pending invitation; coordinators only their own. */
export async function revokeInvitation(
  deps: MemberDeps,
  principal: Principal,
  invitationId: string,
): Promise<RevokedInvitation> {
  requireRole(principal, memberManagerRoles);
  requireSecondFactorEnrolled(principal);
  return inTransaction(deps, async ({ trx }) => {
    const invitation = await findInvitationInNetwork(trx, principal.networkId, invitationId);
    const isVisible =
      invitation && (hasRole(principal, ['admin']) || invitation.created_by === principal.memberId);
    if (!invitation || !isVisible || invitation.revoked_at !== null) {
      throw new AppError('INVITATION_NOT_FOUND', 'No such invitation.');
    }
    if (invitation.used_at !== null) throw invitationUsed();
    const now = deps.clock.now();
    if (!(await markInvitationRevoked(trx, invitation.id, now))) throw invitationUsed();
    await recordAudit(deps, trx, {
      networkId: principal.networkId,
      actorMemberId: principal.memberId,
      action: 'member.invitationRevoked',
      objectType: 'invitation',
      objectId: invitation.id,
    });
    return { id: invitation.id, revokedAt: now };
  });
}

/**
 * The invitation a token names, if it can still be accepted: INVITATION_INVALID (unknown or
 * revoked), INVITATION_USED, or INVITATION_EXPIRED otherwise.
 */
export async function findUsableInvitation(
  deps: Pick<MemberDeps, 'db' | 'clock'>,
  token: string,
): Promise<InvitationsTable> {
  const invitation = tokenFormat.test(token)
    ? await findInvitationByTokenHash(deps.db, hashInvitationToken(token))
    : undefined;
  if (!invitation || invitation.revoked_at !== null) {
    throw new AppError('INVITATION_INVALID', 'This invitation link is not valid.');
  }
  if (invitation.used_at !== null) throw invitationUsed();
  if (deps.clock.now() >= invitation.expires_at) {
    throw new AppError('INVITATION_EXPIRED', 'This invitation has expired. Ask for a new one.');
  }
  return invitation;
}

/** The invitation's grants, minus any whose area was deleted since. */
export async function grantsStillValid(
  deps: Pick<MemberDeps, 'db'>,
  invitation: InvitationsTable,
): Promise<RoleGrant[]> {
  const grants = parseStoredGrants(invitation.roles);
  const areaIds = grants.map((grant) => grant.areaId).filter((id): id is string => id !== null);
  const existing = await findAreaIdsInNetwork(deps.db, invitation.network_id, areaIds);
  return grants.filter((grant) => grant.areaId === null || existing.has(grant.areaId));
}

export function invitationUsed(): AppError {
  return new AppError('INVITATION_USED', 'This invitation has already been used.');
}

function parseStoredGrants(json: string): RoleGrant[] {
  return normalizeGrants(storedGrantsSchema.parse(JSON.parse(json)));
}

function describeGrant(grant: RoleGrant): string {
  return grant.areaId ? `${grant.role}@${grant.areaId}` : grant.role;
}
