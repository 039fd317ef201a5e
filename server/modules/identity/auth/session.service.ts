import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../../platform/clock/clock.ts';
import type { Database } from '../../../platform/database/schema.ts';
import { newId, newSecretToken } from '../../../platform/ids/ids.ts';
import type { SecondFactorMethod } from './auth.tables.ts';
import type { Principal } from './principal.ts';
import type { MemberAccounts } from './member-accounts.ts';
import {
  findLiveSessionByTokenHash,
  findEnrolledSecondFactors,
  insertSession,
  touchSession,
} from './session.repository.ts';

export const sessionPolicy = {
  /** Signed out after this long without a request. */
  idleTimeoutMs: 30 * 60 * 1000,
  /** Signed out this long after sign-in, whatever the activity. */
  absoluteTimeoutMs: 12 * 60 * 60 * 1000,
  /** last_seen_at is written at most this often, to keep reads cheap. */
  touchIntervalMs: 60 * 1000,
};

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Bound to the session token: a cross-site page cannot read the cookie, so it cannot compute it. */
export function csrfTokenFor(sessionToken: string): string {
  return createHash('sha256').update(`csrf:${sessionToken}`).digest('base64url');
}

export interface SessionDeps {
  db: Kysely<Database>;
  clock: Clock;
  /** Members' status and role grants (context.ports.memberAccounts). */
  accounts: Pick<MemberAccounts, 'loadPrincipalGrants'>;
}

/**
 * Starts a session (a fresh 256-bit token: sign-in always rotates) and returns the cookie value.
 * `secondFactor` is the factor proved at sign-in (null: password only, or none yet).
 */
export async function startSession(
  deps: { clock: Clock },
  trx: Kysely<Database>,
  member: { id: string; networkId: string },
  options: { secondFactor: SecondFactorMethod | null },
): Promise<{ token: string; sessionId: string; expiresAt: number }> {
  const token = newSecretToken(32);
  const now = deps.clock.now();
  const sessionId = newId();
  const expiresAt = now + sessionPolicy.absoluteTimeoutMs;
  await insertSession(trx, {
    id: sessionId,
    token_hash: hashSessionToken(token),
    member_id: member.id,
    network_id: member.networkId,
    created_at: now,
    last_seen_at: now,
    expires_at: expiresAt,
    second_factor_at: options.secondFactor === null ? null : now,
    second_factor_method: options.secondFactor,
    revoked_at: null,
  });
  return { token, sessionId, expiresAt };
}

/**
 * Resolves a session token to a principal, or null when the session is unknown, revoked, idle,
 * expired, or its member was removed or suspended. Roles are read on every call, so a removed
 * role stops working on the very next request.
 */
export async function resolvePrincipal(deps: SessionDeps, token: string): Promise<Principal | null> {
  if (token.length < 20 || token.length > 100) return null;
  const session = await findLiveSessionByTokenHash(deps.db, hashSessionToken(token));
  if (!session) return null;
  const now = deps.clock.now();
  if (now >= session.expiresAt || now - session.lastSeenAt >= sessionPolicy.idleTimeoutMs) return null;
  const [grants, factors] = await Promise.all([
    deps.accounts.loadPrincipalGrants(deps.db, session.memberId),
    findEnrolledSecondFactors(deps.db, session.memberId),
  ]);
  if (!grants || grants.status === 'removed' || grants.status === 'suspended') return null;
  if (now - session.lastSeenAt >= sessionPolicy.touchIntervalMs) {
    await touchSession(deps.db, session.sessionId, now);
  }
  return {
    memberId: session.memberId,
    networkId: session.networkId,
    sessionId: session.sessionId,
    status: grants.status,
    roles: grants.roles,
    secondFactorAt: session.secondFactorAt,
    secondFactorMethod: session.secondFactorMethod ?? null,
    hasSecondFactor: factors.hasTotp || factors.hasPasskey,
    hasPasskey: factors.hasPasskey,
    csrfToken: csrfTokenFor(token),
  };
}
