import { createHash } from 'node:crypto';
import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { newId, newSecretToken } from '../../../platform/ids/ids.ts';
import { recordAudit } from '../audit/index.ts';
import { rooms } from '../../../platform/realtime/rooms.ts';
import { hashPassword, requireRole, requirePasskeyStepUp, resetSignInFactors } from '../auth/index.ts';
import type { Principal } from '../auth/index.ts';
import { memberNotFound } from './member-directory.service.ts';
import { findMemberInNetwork } from './member.repository.ts';
import { needsSecondRecoveryApprover } from './privilege.service.ts';
import type { MemberDeps } from './member.service.ts';
import type { CreatedRecoveryLink, RecoveryApproval } from './member.contract.ts';
import type { Role } from './member.tables.ts';
import {
  claimRecoveryLink,
  findRecoveryLinkByTokenHash,
  findRecoveryLinkOfMember,
  insertRecoveryLink,
  markRecoveryLinkApproved,
  setMemberPasswordHash,
  voidOpenRecoveryLinks,
} from './recovery.repository.ts';
import type { MemberRecoveryLinksTable } from './recovery.tables.ts';

/** How long a recovery link works. */
export const recoveryLinkLifetimeMs = 24 * 60 * 60 * 1000;
/** Recovering one of these needs a second, different admin or coordinator (two-person rule). */
const approverRoles: readonly Role[] = ['admin', 'coordinator'];
const tokenFormat = /^[A-Za-z0-9_-]{43}$/;

export function hashRecoveryToken(token: string): string {
  return createHash('sha256').update(`recovery:${token}`).digest('hex');
}

/**
 * An admin with a fresh step-up makes a 24-hour, single-use recovery link for a member of their
 * network. Any older open link of that member is voided. A member holding admin or coordinator
 * needs a second person's approval before the link works.
 */
export async function createRecoveryLink(
  deps: MemberDeps & { publicUrl: string },
  principal: Principal,
  memberId: string,
): Promise<CreatedRecoveryLink> {
  requireRole(principal, ['admin']);
  requirePasskeyStepUp(principal, deps.clock);
  if (memberId === principal.memberId) {
    throw new AppError('CANNOT_RECOVER_SELF', 'Another admin must make a recovery link for you.');
  }
  const token = newSecretToken(32);
  return inTransaction(deps, async ({ trx }) => {
    const member = await findMemberInNetwork(trx, principal.networkId, memberId);
    if (!member) throw memberNotFound();
    if (member.status === 'removed') throw new AppError('MEMBER_REMOVED', 'This member was removed.');
    const needsApproval = await needsSecondRecoveryApprover(trx, member.id, deps.clock.now());
    const now = deps.clock.now();
    const voidedLinkIds = await voidOpenRecoveryLinks(trx, member.id, now);
    const link: MemberRecoveryLinksTable = {
      id: newId(),
      network_id: principal.networkId,
      member_id: member.id,
      token_hash: hashRecoveryToken(token),
      created_by: principal.memberId,
      created_at: now,
      expires_at: now + recoveryLinkLifetimeMs,
      needs_approval: needsApproval ? 1 : 0,
      approved_by: null,
      approved_at: null,
      used_at: null,
      voided_at: null,
    };
    await insertRecoveryLink(trx, link);
    await recordAudit(deps, trx, {
      networkId: principal.networkId,
      actorMemberId: principal.memberId,
      action: 'member.recoveryLinkCreated',
      objectType: 'member',
      objectId: member.id,
      metadata: { linkId: link.id, needsApproval, expiresAt: link.expires_at, voidedLinkIds },
    });
    return {
      id: link.id,
      url: `${deps.publicUrl}/recover/${token}`,
      expiresAt: link.expires_at,
      needsApproval,
    };
  });
}

/**
 * A second admin or coordinator (not the link's creator, not the member being recovered) approves
 * a link that needs it, with a fresh step-up.
 */
export async function approveRecoveryLink(
  deps: MemberDeps,
  principal: Principal,
  input: { memberId: string; linkId: string },
): Promise<RecoveryApproval> {
  requireRole(principal, approverRoles);
  requirePasskeyStepUp(principal, deps.clock);
  return inTransaction(deps, async ({ trx }) => {
    const link = await findRecoveryLinkOfMember(trx, { networkId: principal.networkId, ...input });
    if (!link) throw new AppError('RECOVERY_LINK_NOT_FOUND', 'No such recovery link.');
    if (principal.memberId === link.created_by || principal.memberId === link.member_id) {
      throw new AppError(
        'RECOVERY_APPROVER_NOT_DIFFERENT',
        'A different admin or coordinator must approve this recovery link.',
      );
    }
    const now = deps.clock.now();
    requireOpen(link, now);
    if (link.needs_approval !== 1 && !(await needsSecondRecoveryApprover(trx, link.member_id, now))) {
      throw new AppError('RECOVERY_APPROVAL_NOT_NEEDED', 'This recovery link needs no approval.');
    }
    if (
      link.approved_at !== null ||
      !(await markRecoveryLinkApproved(trx, { linkId: link.id, approvedBy: principal.memberId, now }))
    ) {
      throw new AppError('RECOVERY_LINK_ALREADY_APPROVED', 'This recovery link is already approved.');
    }
    await recordAudit(deps, trx, {
      networkId: principal.networkId,
      actorMemberId: principal.memberId,
      action: 'member.recoveryLinkApproved',
      objectType: 'member',
      objectId: link.member_id,
      metadata: { linkId: link.id, createdBy: link.created_by },
    });
    return { id: link.id, approvedAt: now };
  });
}

/**
 * The link a token names, if it can be used now: RECOVERY_LINK_INVALID (unknown, or the member was
 * removed), RECOVERY_LINK_USED, RECOVERY_LINK_VOIDED, RECOVERY_LINK_EXPIRED, or
 * RECOVERY_LINK_NOT_APPROVED while a needed second approval is missing.
 */
export async function findUsableRecoveryLink(
  deps: Pick<MemberDeps, 'db' | 'clock'>,
  token: string,
): Promise<MemberRecoveryLinksTable> {
  const link = tokenFormat.test(token)
    ? await findRecoveryLinkByTokenHash(deps.db, hashRecoveryToken(token))
    : undefined;
  const member = link ? await findMemberInNetwork(deps.db, link.network_id, link.member_id) : undefined;
  if (!link || !member || member.status === 'removed') throw recoveryLinkInvalid();
  requireOpen(link, deps.clock.now());
  // Checked again now: the member may have been made an admin after the link was created.
  const needsApproval =
    link.needs_approval === 1 ||
    (await needsSecondRecoveryApprover(deps.db, link.member_id, deps.clock.now()));
  if (needsApproval && link.approved_at === null) {
    throw new AppError(
      'RECOVERY_LINK_NOT_APPROVED',
      'This link needs a second admin or coordinator to approve it first.',
    );
  }
  return link;
}

/**
 * Sets the member's new password from a usable link, ends all their sessions and removes their
 * TOTP and passkeys (they enroll again; admins and coordinators stay unable to act until they do).
 * The link is consumed in the same transaction, so it works once.
 */
export async function recoverWithLink(
  deps: MemberDeps,
  token: string,
  password: string,
): Promise<{ memberId: string; networkId: string }> {
  const link = await findUsableRecoveryLink(deps, token);
  // Hashed before the transaction: Argon2 takes tens of milliseconds and must not hold a lock.
  const passwordHash = await hashPassword(password);
  return inTransaction(deps, async (unitOfWork) => {
    const { trx } = unitOfWork;
    const now = deps.clock.now();
    if (!(await claimRecoveryLink(trx, link.id, now))) throw recoveryLinkUsed();
    await setMemberPasswordHash(trx, link.member_id, passwordHash);
    const reset = await resetSignInFactors(trx, link.member_id, now);
    await recordAudit(deps, trx, {
      networkId: link.network_id,
      actorMemberId: link.member_id,
      action: 'member.recovered',
      objectType: 'member',
      objectId: link.member_id,
      metadata: {
        linkId: link.id,
        createdBy: link.created_by,
        approvedBy: link.approved_by,
        sessionsEnded: reset.sessionsEnded,
        totpRemoved: reset.totpRemoved,
        passkeysRemoved: reset.passkeysRemoved,
      },
    });
    // The realtime module's contract: this closes every open stream of the member at once.
    unitOfWork.emit({
      type: 'session.revoked',
      networkId: link.network_id,
      rooms: [rooms.member(link.member_id)],
      data: { memberId: link.member_id },
      occurredAt: now,
    });
    return { memberId: link.member_id, networkId: link.network_id };
  });
}

function requireOpen(link: MemberRecoveryLinksTable, now: number): void {
  if (link.used_at !== null) throw recoveryLinkUsed();
  if (link.voided_at !== null) {
    throw new AppError('RECOVERY_LINK_VOIDED', 'A newer recovery link replaced this one.');
  }
  if (now >= link.expires_at) {
    throw new AppError(
      'RECOVERY_LINK_EXPIRED',
      'This recovery link has expired. Ask an admin for a new one.',
    );
  }
}

function recoveryLinkInvalid(): AppError {
  return new AppError('RECOVERY_LINK_INVALID', 'This recovery link is not valid.');
}

function recoveryLinkUsed(): AppError {
  return new AppError('RECOVERY_LINK_USED', 'This recovery link has already been used.');
}
