import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import type { UnitOfWork } from '../../../platform/database/unit-of-work.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { newId } from '../../../platform/ids/ids.ts';
import { rooms } from '../../../platform/realtime/rooms.ts';
import { recordAudit, requireSameNetwork } from '../../identity/index.ts';
import type { Principal } from '../../identity/index.ts';
import type { WatchDeps } from '../sites/site.service.ts';
import { canManageWatchArea, requireWatchReader, requireWatchVolunteerAt } from '../sites/watch.policy.ts';
import { occurrencesBetween } from './recurrence.ts';
import { signUpSchema } from './shift.contract.ts';
import type { SignUpInput, SignupStatus, WatchEventType } from './shift.contract.ts';
import {
  confirmSignup,
  deleteSignup,
  findSignup,
  insertSignup,
  listSignupsOfOccurrence,
  lockShift,
} from './shift.repository.ts';
import { offeredRolesOf, patternOf } from './shift-rows.ts';
import { networkTimeZone, requireShiftOfNetwork } from './shift.service.ts';

/** Coordinators of the area, and the member themself, hear that an occurrence's count changed. */
function emitSignupChanged(
  uow: UnitOfWork,
  input: { networkId: string; areaId: string; shiftId: string; startsAt: number; memberIds: string[] },
  now: number,
): void {
  uow.emit({
    type: 'watch.signupChanged' satisfies WatchEventType,
    networkId: input.networkId,
    rooms: [
      rooms.role(input.networkId, 'coordinator'),
      rooms.areaRole(input.areaId, 'coordinator'),
      ...input.memberIds.map((memberId) => rooms.member(memberId)),
    ],
    data: { shiftId: input.shiftId, startsAt: input.startsAt },
    occurredAt: now,
  });
}

/**
 * Signs the principal up for one occurrence in an offered role: confirmed while fewer than the
 * target are, waitlisted after. The occurrence must be one the shift's rule gives and not over.
 */
export async function signUpForWatch(
  deps: WatchDeps,
  principal: Principal,
  raw: SignUpInput,
): Promise<{ id: string; status: SignupStatus }> {
  const input = signUpSchema.parse(raw);
  const { shift, site } = await requireShiftOfNetwork(deps, principal, input.shiftId);
  requireWatchVolunteerAt(principal, site.area_id);
  if (!offeredRolesOf(shift).includes(input.role)) {
    throw new AppError('WATCH_ROLE_NOT_OFFERED', 'This shift does not ask for that role.');
  }
  const timeZone = await networkTimeZone(deps, shift.network_id);
  const [occurrence] = occurrencesBetween(patternOf(shift), timeZone, input.startsAt, input.startsAt + 1);
  if (!occurrence) throw new AppError('WATCH_OCCURRENCE_NOT_FOUND', 'The shift does not meet then.');
  const now = deps.clock.now();
  if (occurrence.endsAt <= now) throw new AppError('WATCH_OCCURRENCE_PAST', 'This shift is over.');
  const id = newId();
  return inTransaction(deps, async (uow) => {
    await lockShift(uow.trx, deps.dialect, shift.id);
    const signups = await listSignupsOfOccurrence(uow.trx, shift.id, occurrence.startsAt);
    if (signups.some((signup) => signup.member_id === principal.memberId)) {
      throw new AppError('WATCH_ALREADY_SIGNED_UP', 'You are already on this shift.');
    }
    const confirmed = signups.filter((signup) => signup.status === 'confirmed').length;
    const status: SignupStatus = confirmed < shift.target_volunteers ? 'confirmed' : 'waitlisted';
    await insertSignup(uow.trx, {
      id,
      network_id: shift.network_id,
      shift_id: shift.id,
      starts_at: occurrence.startsAt,
      ends_at: occurrence.endsAt,
      member_id: principal.memberId,
      role: input.role,
      status,
      created_at: now,
      checked_in_at: null,
      checked_out_at: null,
    });
    await recordAudit(deps, uow.trx, {
      networkId: shift.network_id,
      actorMemberId: principal.memberId,
      action: 'watch.signedUp',
      objectType: 'watchSignup',
      objectId: id,
      metadata: { shiftId: shift.id, startsAt: occurrence.startsAt, role: input.role, status },
    });
    emitSignupChanged(
      uow,
      {
        networkId: shift.network_id,
        areaId: site.area_id,
        shiftId: shift.id,
        startsAt: occurrence.startsAt,
        memberIds: [principal.memberId],
      },
      now,
    );
    return { id, status };
  });
}

/**
 * Cancels a sign-up (the volunteer's own, or any by a coordinator of the area); the first on the
 * waitlist takes a confirmed place that opens. Another's sign-up is NOT_FOUND.
 */
export async function cancelWatchSignup(
  deps: WatchDeps,
  principal: Principal,
  signupId: string,
): Promise<void> {
  requireWatchReader(principal);
  const signup = await findSignup(deps.db, signupId);
  if (!signup) throw new AppError('NOT_FOUND', 'Not found.');
  requireSameNetwork(principal, signup.network_id);
  const { shift, site } = await requireShiftOfNetwork(deps, principal, signup.shift_id);
  const isOwn = signup.member_id === principal.memberId;
  if (!isOwn && !canManageWatchArea(principal, site.area_id)) throw new AppError('NOT_FOUND', 'Not found.');
  const now = deps.clock.now();
  if (signup.ends_at <= now) throw new AppError('WATCH_OCCURRENCE_PAST', 'This shift is over.');
  await inTransaction(deps, async (uow) => {
    await lockShift(uow.trx, deps.dialect, shift.id);
    await deleteSignup(uow.trx, signup.id);
    await recordAudit(deps, uow.trx, {
      networkId: signup.network_id,
      actorMemberId: principal.memberId,
      action: 'watch.signupCancelled',
      objectType: 'watchSignup',
      objectId: signup.id,
      metadata: { shiftId: shift.id, startsAt: signup.starts_at, memberId: signup.member_id },
    });
    const remaining = await listSignupsOfOccurrence(uow.trx, shift.id, signup.starts_at);
    const confirmed = remaining.filter((row) => row.status === 'confirmed').length;
    const next = remaining.find((row) => row.status === 'waitlisted');
    const promoted = next && confirmed < shift.target_volunteers ? next : null;
    if (promoted) {
      await confirmSignup(uow.trx, promoted.id);
      await recordAudit(deps, uow.trx, {
        networkId: signup.network_id,
        actorMemberId: principal.memberId,
        action: 'watch.signupPromoted',
        objectType: 'watchSignup',
        objectId: promoted.id,
        metadata: { shiftId: shift.id, startsAt: signup.starts_at },
      });
    }
    emitSignupChanged(
      uow,
      {
        networkId: signup.network_id,
        areaId: site.area_id,
        shiftId: shift.id,
        startsAt: signup.starts_at,
        memberIds: [signup.member_id, ...(promoted ? [promoted.member_id] : [])],
      },
      now,
    );
  });
}
