import { newId, newSecretToken } from '../../../platform/ids/ids.ts';
import { recordAudit } from '../audit/index.ts';
import { isNetworkSuspended } from '../networks/network-suspension.repository.ts';
// The leaf file, not members' index.ts: that index imports auth, and a cycle would leave one side
// half-initialized at start-up.
import { memberEmailIndexPurpose, normalizeEmail } from '../members/member-contact.ts';
import type { AuthDeps } from './auth.deps.ts';
import { enforceLimits } from './auth.deps.ts';
import { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from './password.ts';
import { listSecondFactorMethods, proveTotp } from './second-factor.service.ts';
import {
  finishSignIn,
  hashPendingToken,
  maxPendingFailures,
  networkSuspended,
  pendingExpired,
  pendingSignInLifetimeMs,
  signInFailed,
  statusesThatSignIn,
} from './sign-in-common.service.ts';
import type { SignInContext, SignInResult } from './sign-in-common.service.ts';
import { findPendingSignIn, insertPendingSignIn, recordPendingFailure } from './sign-in.repository.ts';

/**
 * Password sign-in. Every failure (unknown email, wrong password, a removed or suspended member,
 * no password set) spends the same argon2 work and gives the same SIGN_IN_FAILED, so neither the
 * answer nor its timing tells whether an account exists. A member with a second factor gets a
 * pending sign-in instead of a session.
 */
export async function signInWithPassword(
  deps: AuthDeps,
  input: { email: string; password: string } & SignInContext,
): Promise<SignInResult> {
  const emailIndex = deps.crypto.blindIndex(normalizeEmail(input.email), memberEmailIndexPurpose);
  await enforceLimits([
    [deps.limits.signInPerAddressPrefix, input.addressKey],
    [deps.limits.signInPerEmail, emailIndex],
    [deps.limits.signInGlobal, 'all'],
  ]);
  const member = await deps.accounts.findForSignIn(deps.db, emailIndex);
  const isPasswordRight = member?.passwordHash
    ? await verifyPassword(member.passwordHash, input.password)
    : await verifyAgainstDummy(input.password);
  if (!member || !isPasswordRight || !statusesThatSignIn.includes(member.status)) {
    await recordAudit(deps, deps.db, {
      networkId: member?.networkId ?? null,
      actorMemberId: null,
      action: 'auth.signInFailed',
      ...(member ? { objectType: 'member', objectId: member.id } : {}),
      metadata: { method: 'password' },
    });
    throw signInFailed();
  }
  if (await isNetworkSuspended(deps.db, member.networkId)) throw networkSuspended();
  if (member.passwordHash && needsRehash(member.passwordHash)) {
    await deps.accounts.setPasswordHash(deps.db, member.id, await hashPassword(input.password));
  }
  const methods = await listSecondFactorMethods(deps, member.id);
  if (methods.length > 0) {
    const pendingToken = newSecretToken(32);
    const now = deps.clock.now();
    const expiresAt = now + pendingSignInLifetimeMs;
    await insertPendingSignIn(deps.db, {
      id: newId(),
      token_hash: hashPendingToken(pendingToken),
      member_id: member.id,
      network_id: member.networkId,
      failed_attempts: 0,
      created_at: now,
      expires_at: expiresAt,
    });
    return { status: 'second_factor_required', methods, pendingToken, expiresAt };
  }
  return finishSignIn(
    deps,
    { memberId: member.id, networkId: member.networkId },
    'password',
    input.previousToken,
  );
}

/** Second step with an authenticator code. The pending sign-in is used up on success. */
export async function completeSignInWithTotp(
  deps: AuthDeps,
  input: { pendingToken: string; code: string } & Pick<SignInContext, 'previousToken'>,
): Promise<SignInResult> {
  const pending = await findPendingSignIn(deps.db, hashPendingToken(input.pendingToken), deps.clock.now());
  if (!pending) throw pendingExpired();
  try {
    await proveTotp(deps, pending.memberId, input.code);
  } catch (error) {
    await recordPendingFailure(deps.db, pending.id, maxPendingFailures);
    await recordAudit(deps, deps.db, {
      networkId: pending.networkId,
      actorMemberId: null,
      action: 'auth.signInFailed',
      objectType: 'member',
      objectId: pending.memberId,
      metadata: { method: 'totp' },
    });
    throw error;
  }
  return finishSignIn(deps, pending, 'password+totp', input.previousToken, pending.id);
}
