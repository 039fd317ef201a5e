import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import type { AuthDeps } from './auth.deps.ts';
import { enforceLimits } from './auth.deps.ts';
import { issueAssertionChallenge, provePasskey } from './second-factor.service.ts';
import {
  finishSignIn,
  hashPendingToken,
  maxPendingFailures,
  pendingExpired,
  signInFailed,
  statusesThatSignIn,
} from './sign-in-common.service.ts';
import type { SignInContext, SignInResult } from './sign-in-common.service.ts';
import { findPendingSignIn, recordPendingFailure } from './sign-in.repository.ts';

/**
 * Assertion options for signing in with a passkey: for a passwordless sign-in (any discoverable
 * passkey, user verification required) or for the pending sign-in's member.
 */
export async function startPasskeySignIn(
  deps: AuthDeps,
  input: { pendingToken?: string | undefined; addressKey: string },
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  await enforceLimits([[deps.limits.passkeyPerAddressPrefix, input.addressKey]]);
  if (input.pendingToken === undefined) {
    return issueAssertionChallenge(deps, {
      purpose: 'authenticate',
      memberId: null,
      userVerification: 'required',
    });
  }
  const pending = await findPendingSignIn(deps.db, hashPendingToken(input.pendingToken), deps.clock.now());
  if (!pending) throw pendingExpired();
  return issueAssertionChallenge(deps, {
    purpose: 'authenticate',
    memberId: pending.memberId,
    userVerification: 'discouraged',
  });
}

/**
 * Sign-in with a passkey: passwordless (a discoverable credential, user verification required),
 * or as the second step of a pending password sign-in.
 */
export async function completeSignInWithPasskey(
  deps: AuthDeps,
  input: { response: AuthenticationResponseJSON; pendingToken?: string | undefined } & SignInContext,
): Promise<SignInResult> {
  await enforceLimits([[deps.limits.passkeyPerAddressPrefix, input.addressKey]]);
  if (input.pendingToken === undefined) {
    const proved = await provePasskey(deps, {
      response: input.response,
      purpose: 'authenticate',
      memberId: null,
      requireUserVerification: true,
      failureCode: 'SIGN_IN_FAILED',
    });
    const member = await deps.accounts.loadPrincipalGrants(deps.db, proved.memberId);
    if (!member || !statusesThatSignIn.includes(member.status)) throw signInFailed();
    return finishSignIn(
      deps,
      { memberId: proved.memberId, networkId: member.networkId },
      'passkey',
      input.previousToken,
    );
  }
  const pending = await findPendingSignIn(deps.db, hashPendingToken(input.pendingToken), deps.clock.now());
  if (!pending) throw pendingExpired();
  try {
    await provePasskey(deps, {
      response: input.response,
      purpose: 'authenticate',
      memberId: pending.memberId,
      requireUserVerification: false,
      failureCode: 'SECOND_FACTOR_FAILED',
    });
  } catch (error) {
    await recordPendingFailure(deps.db, pending.id, maxPendingFailures);
    throw error;
  }
  return finishSignIn(deps, pending, 'password+passkey', input.previousToken, pending.id);
}
