import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { recordAudit } from '../audit/index.ts';
import type { AuthDeps } from './auth.deps.ts';
import { requireRole, requireSecondFactorEnrolled, stepUpWindowMs } from './auth.policy.ts';
import type { LiveSessionList, RevokedSessions, SessionView, SignedOutEverywhere } from './auth.contract.ts';
import type { Principal } from './principal.ts';
import { listLiveSessionsOf, revokeSession, revokeSessionsOfMember } from './session.repository.ts';
import { sessionPolicy } from './session.service.ts';

export function describeSession(principal: Principal): SessionView {
  return {
    memberId: principal.memberId,
    networkId: principal.networkId,
    status: principal.status,
    roles: principal.roles,
    hasSecondFactor: principal.hasSecondFactor,
    csrfToken: principal.csrfToken,
    stepUpUntil: principal.secondFactorAt === null ? null : principal.secondFactorAt + stepUpWindowMs,
  };
}

/** The member's own live sessions. Sessions hold no IP address or user agent, so none is shown. */
export async function listOwnSessions(deps: AuthDeps, principal: Principal): Promise<LiveSessionList> {
  const sessions = await listLiveSessionsOf(
    deps.db,
    principal.memberId,
    deps.clock.now(),
    sessionPolicy.idleTimeoutMs,
  );
  return {
    sessions: sessions.map((session) => ({ ...session, isCurrent: session.id === principal.sessionId })),
  };
}

/** Ends this session. Its realtime stream closes too (the event names the session). */
export async function signOut(deps: AuthDeps, principal: Principal): Promise<void> {
  await inTransaction(deps, async (uow) => {
    const { trx } = uow;
    const now = deps.clock.now();
    await revokeSession(trx, principal.sessionId, now);
    await recordAudit(deps, trx, {
      networkId: principal.networkId,
      actorMemberId: principal.memberId,
      action: 'session.ended',
      objectType: 'session',
      objectId: principal.sessionId,
      metadata: { scope: 'this' },
    });
    uow.emit({
      type: 'session.revoked',
      networkId: principal.networkId,
      rooms: [`member:${principal.memberId}`],
      data: { memberId: principal.memberId, sessionId: principal.sessionId },
      occurredAt: now,
    });
  });
}

/** Ends every session of the member, this one included (a lost phone, a shared computer). */
export async function signOutEverywhere(deps: AuthDeps, principal: Principal): Promise<SignedOutEverywhere> {
  return inTransaction(deps, async (uow) => {
    const { trx } = uow;
    const now = deps.clock.now();
    const endedCount = await revokeSessionsOfMember(trx, principal.memberId, now);
    await recordAudit(deps, trx, {
      networkId: principal.networkId,
      actorMemberId: principal.memberId,
      action: 'session.ended',
      objectType: 'member',
      objectId: principal.memberId,
      metadata: { scope: 'everywhere', count: endedCount },
    });
    uow.emit(revokedEvent(principal.networkId, principal.memberId, now));
    return { endedCount };
  });
}

/**
 * An admin of the member's network ends all of the member's sessions (a lost phone, a suspected
 * takeover). Open realtime streams close through the `session.revoked` event. A member of another
 * network is reported as not found.
 */
export async function revokeMemberSessions(
  deps: AuthDeps,
  principal: Principal,
  memberId: string,
): Promise<RevokedSessions> {
  requireRole(principal, ['admin']);
  requireSecondFactorEnrolled(principal);
  return inTransaction(deps, async (uow) => {
    const { trx } = uow;
    const member = await deps.accounts.loadPrincipalGrants(trx, memberId);
    if (!member || member.networkId !== principal.networkId) throw new AppError('NOT_FOUND', 'Not found.');
    const now = deps.clock.now();
    const revokedCount = await revokeSessionsOfMember(trx, memberId, now);
    await recordAudit(deps, trx, {
      networkId: principal.networkId,
      actorMemberId: principal.memberId,
      action: 'session.revoked',
      objectType: 'member',
      objectId: memberId,
      metadata: { count: revokedCount },
    });
    uow.emit(revokedEvent(principal.networkId, memberId, now));
    return { memberId: memberId, revokedCount };
  });
}

/** Contract with the realtime module: closes every open stream of the member. */
function revokedEvent(networkId: string, memberId: string, occurredAt: number) {
  return {
    type: 'session.revoked',
    networkId,
    rooms: [`member:${memberId}`],
    data: { memberId },
    occurredAt,
  };
}
