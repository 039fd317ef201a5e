import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { recordAudit } from '../audit/index.ts';
import { rooms } from '../../../platform/realtime/rooms.ts';
import { requireRole, requireSecondFactorEnrolled } from '../auth/index.ts';
import type { Principal } from '../auth/index.ts';
import { memberNotFound } from './member-directory.service.ts';
import { findMemberInNetwork, updateMember } from './member.repository.ts';
import type { MemberDeps } from './member.service.ts';
import type { VettingResult } from './member.contract.ts';
import { countVettingsOf, insertVettingOnce, lockMemberRow } from './vetting.repository.ts';

/** Distinct coordinators who must vouch for a probationary member before they become active. */
export const vettingsRequired = 2;

/**
 * A coordinator vouches for a member. The same coordinator twice counts once; nobody vets
 * themself; at two different coordinators a probationary member becomes active.
 */
export async function vetMember(
  deps: MemberDeps,
  principal: Principal,
  memberId: string,
): Promise<VettingResult> {
  requireRole(principal, ['coordinator']);
  requireSecondFactorEnrolled(principal);
  if (memberId === principal.memberId) {
    throw new AppError('CANNOT_VET_SELF', 'Another coordinator has to vet you.');
  }
  return inTransaction(deps, async (unitOfWork) => {
    const { trx } = unitOfWork;
    await lockMemberRow(trx, deps.dialect, memberId);
    const member = await findMemberInNetwork(trx, principal.networkId, memberId);
    if (!member || member.status === 'removed') throw memberNotFound();
    const now = deps.clock.now();
    const isNewVetting = await insertVettingOnce(trx, {
      member_id: member.id,
      coordinator_id: principal.memberId,
      network_id: principal.networkId,
      created_at: now,
    });
    const vettingCount = await countVettingsOf(trx, member.id);
    let status = member.status;
    if (status === 'probationary' && vettingCount >= vettingsRequired) {
      status = 'active';
      await updateMember(trx, member.id, { status, vetted_at: now });
    }
    if (isNewVetting) {
      await recordAudit(deps, trx, {
        networkId: principal.networkId,
        actorMemberId: principal.memberId,
        action: 'member.vetted',
        objectType: 'member',
        objectId: member.id,
        metadata: { vettingCount, status, isNowActive: status !== member.status },
      });
      unitOfWork.emit({
        type: 'member.vetted',
        networkId: principal.networkId,
        rooms: [rooms.role(principal.networkId, 'coordinator'), rooms.member(member.id)],
        data: { memberId: member.id, vettingCount, status },
        occurredAt: now,
      });
    }
    return { memberId: member.id, status, vettingCount };
  });
}
