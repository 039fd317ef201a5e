import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { recordAudit, requireSameNetwork } from '../../identity/index.ts';
import type { Principal } from '../../identity/index.ts';
import type { WatchDeps } from '../sites/site.service.ts';
import { requireWatchReader } from '../sites/watch.policy.ts';
import { findSignup, recordAttendance } from './shift.repository.ts';

const opensBeforeMs = 30 * 60 * 1000;
const closesAfterMs = 2 * 60 * 60 * 1000;

/**
 * A confirmed volunteer checks in (from 30 minutes before the start to 2 hours after the end)
 * or out (after checking in). A repeat press changes nothing. Another's sign-up is NOT_FOUND.
 */
export async function recordWatchAttendance(
  deps: WatchDeps,
  principal: Principal,
  signupId: string,
  kind: 'in' | 'out',
): Promise<{ checkedInAt: number | null; checkedOutAt: number | null }> {
  requireWatchReader(principal);
  const signup = await findSignup(deps.db, signupId);
  if (!signup || signup.member_id !== principal.memberId) throw new AppError('NOT_FOUND', 'Not found.');
  requireSameNetwork(principal, signup.network_id);
  const now = deps.clock.now();
  const isOpen =
    signup.status === 'confirmed' &&
    now >= signup.starts_at - opensBeforeMs &&
    now <= signup.ends_at + closesAfterMs &&
    (kind === 'in' || signup.checked_in_at !== null);
  if (!isOpen) throw new AppError('WATCH_CHECK_IN_CLOSED', 'Checking in or out is not open now.');
  const column = kind === 'in' ? 'checked_in_at' : 'checked_out_at';
  await inTransaction(deps, async (uow) => {
    if (!(await recordAttendance(uow.trx, signup.id, column, now))) return;
    await recordAudit(deps, uow.trx, {
      networkId: signup.network_id,
      actorMemberId: principal.memberId,
      action: kind === 'in' ? 'watch.checkedIn' : 'watch.checkedOut',
      objectType: 'watchSignup',
      objectId: signup.id,
      metadata: { shiftId: signup.shift_id, startsAt: signup.starts_at },
    });
  });
  const updated = await findSignup(deps.db, signup.id);
  return { checkedInAt: updated?.checked_in_at ?? null, checkedOutAt: updated?.checked_out_at ?? null };
}
