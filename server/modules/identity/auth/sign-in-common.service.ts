import type { Transaction } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { recordAudit } from '../audit/index.ts';
import { isNetworkSuspended } from '../networks/network-suspension.repository.ts';
import type { MemberStatus } from '../members/index.ts';
import type { AuthDeps } from './auth.deps.ts';
import type { SecondFactorMethod } from './second-factor.service.ts';
import { revokeSessionByTokenHash } from './session.repository.ts';
import { csrfTokenFor, hashSessionToken, startSession } from './session.service.ts';
import { consumePendingSignIn } from './sign-in.repository.ts';

// What every way of signing in shares: who may, the answers, and how a session starts.

/** A correct password waits this long for its second factor. */
export const pendingSignInLifetimeMs = 5 * 60 * 1000;
/** Wrong codes allowed on one pending sign-in before the password is needed again. */
export const maxPendingFailures = 5;

export const statusesThatSignIn: readonly MemberStatus[] = ['active', 'probationary'];

export type SignInResult =
  | { status: 'signed_in'; memberId: string; networkId: string; token: string; csrfToken: string }
  | {
      status: 'second_factor_required';
      methods: SecondFactorMethod[];
      pendingToken: string;
      expiresAt: number;
    };

export interface SignInContext {
  /** Rate-limit key of the client's address prefix (memory only). */
  addressKey: string;
  /** The session cookie the browser sent, if any: it is ended, never reused. */
  previousToken: string | undefined;
}

export function signInFailed(): AppError {
  return new AppError('SIGN_IN_FAILED', 'The email or password is not right.');
}

export function pendingExpired(): AppError {
  return new AppError('SIGN_IN_EXPIRED', 'That sign-in has expired. Enter your password again.');
}

export function hashPendingToken(token: string): string {
  return hashSessionToken(`pending:${token}`);
}

/**
 * Starts a brand-new session (sign-in always rotates the token), ends the one the browser held,
 * uses up the pending sign-in, and records `session.started`, all in one transaction.
 */
export async function finishSignIn(
  deps: AuthDeps,
  member: { memberId: string; networkId: string },
  method: 'password' | 'password+totp' | 'password+passkey' | 'passkey',
  previousToken: string | undefined,
  pendingId?: string,
): Promise<SignInResult> {
  const secondFactor = method === 'password' ? null : method === 'password+totp' ? 'totp' : 'passkey';
  return inTransaction(deps, async ({ trx }) => {
    if (pendingId !== undefined && !(await consumePendingSignIn(trx, pendingId))) throw pendingExpired();
    await requireStillAllowed(deps, trx, member.memberId);
    const now = deps.clock.now();
    if (previousToken) await revokeSessionByTokenHash(trx, hashSessionToken(previousToken), now);
    const session = await startSession(
      deps,
      trx,
      { id: member.memberId, networkId: member.networkId },
      { secondFactor },
    );
    await recordAudit(deps, trx, {
      networkId: member.networkId,
      actorMemberId: member.memberId,
      action: 'session.started',
      objectType: 'session',
      objectId: session.sessionId,
      metadata: { method },
    });
    return {
      status: 'signed_in' as const,
      memberId: member.memberId,
      networkId: member.networkId,
      token: session.token,
      csrfToken: csrfTokenFor(session.token),
    };
  });
}

/** A member removed or suspended while their second step was pending does not get a session. */
async function requireStillAllowed(
  deps: Pick<AuthDeps, 'accounts'>,
  trx: Transaction<Database>,
  memberId: string,
): Promise<void> {
  const member = await deps.accounts.loadPrincipalGrants(trx, memberId);
  if (!member || !statusesThatSignIn.includes(member.status)) throw signInFailed();
  if (await isNetworkSuspended(trx, member.networkId)) throw networkSuspended();
}

/** Members of a network the deployment's operator suspended cannot sign in (ADR 0032). */
export function networkSuspended(): AppError {
  return new AppError('NETWORK_SUSPENDED', 'This network is suspended. Ask the coalition operator.');
}
