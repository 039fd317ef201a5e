import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { recordAudit } from '../audit/index.ts';
import type { StepUpAnswer } from './auth.contract.ts';
import type { AuthDeps } from './auth.deps.ts';
import { stepUpWindowMs } from './auth.policy.ts';
import type { Principal } from './principal.ts';
import { issueAssertionChallenge, proveTotp, provePasskey } from './second-factor.service.ts';
import { markSecondFactor } from './session.repository.ts';

export type StepUpProof = { code: string } | { response: AuthenticationResponseJSON };

/** Passkey options for a step-up: the member's own passkeys, a challenge bound to them. */
export function startPasskeyStepUp(
  deps: AuthDeps,
  principal: Principal,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  return issueAssertionChallenge(deps, {
    purpose: 'step-up',
    memberId: principal.memberId,
    userVerification: 'preferred',
  });
}

/**
 * Re-proves a second factor inside the session (authenticator code or passkey; never an SMS code)
 * and stamps the session, opening the step-up window that requireStepUp checks.
 */
export async function stepUp(
  deps: AuthDeps,
  principal: Principal,
  proof: StepUpProof,
): Promise<StepUpAnswer> {
  if (!principal.hasSecondFactor) {
    throw new AppError('SECOND_FACTOR_REQUIRED', 'Add a passkey or an authenticator app first.');
  }
  const method = 'code' in proof ? 'totp' : 'passkey';
  try {
    if ('code' in proof) {
      await proveTotp(deps, principal.memberId, proof.code);
    } else {
      await provePasskey(deps, {
        response: proof.response,
        purpose: 'step-up',
        memberId: principal.memberId,
        requireUserVerification: false,
        failureCode: 'SECOND_FACTOR_FAILED',
      });
    }
  } catch (error) {
    await recordAudit(deps, deps.db, {
      networkId: principal.networkId,
      actorMemberId: principal.memberId,
      action: 'auth.stepUpFailed',
      objectType: 'session',
      objectId: principal.sessionId,
      metadata: { method },
    });
    throw error;
  }
  const now = deps.clock.now();
  await inTransaction(deps, async ({ trx }) => {
    await markSecondFactor(trx, principal.sessionId, now, method);
    await recordAudit(deps, trx, {
      networkId: principal.networkId,
      actorMemberId: principal.memberId,
      action: 'auth.stepUp',
      objectType: 'session',
      objectId: principal.sessionId,
      metadata: { method },
    });
  });
  return { secondFactorAt: now, stepUpUntil: now + stepUpWindowMs };
}
