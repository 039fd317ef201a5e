import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { recordAudit } from '../audit/index.ts';
import type { TotpConfirmation, TotpEnrollment, TotpRemoval } from './auth.contract.ts';
import type { AuthDeps } from './auth.deps.ts';
import { enforceLimits } from './auth.deps.ts';
import {
  claimTotpStep,
  deleteTotp,
  findTotpCredential,
  saveUnconfirmedTotp,
} from './credential.repository.ts';
import { requireStepUp } from './auth.policy.ts';
import type { Principal } from './principal.ts';
import { secondFactorFailed, totpSecretContext } from './second-factor.service.ts';
import { markSecondFactor } from './session.repository.ts';
import { matchTotpStep, newTotpSecret, totpQrSvg, totpUri } from './totp.ts';

/**
 * Starts TOTP enrollment: a new secret, stored encrypted and unconfirmed until the member types a
 * code from their app. Adding a factor next to an existing one needs a fresh step-up, so a stolen
 * session cookie cannot plant the thief's own authenticator.
 */
export async function enrollTotp(deps: AuthDeps, principal: Principal): Promise<TotpEnrollment> {
  if (principal.hasSecondFactor) requireStepUp(principal, deps.clock);
  const existing = await findTotpCredential(deps.db, principal.memberId);
  if (existing?.confirmed_at != null) {
    throw new AppError('TOTP_ALREADY_ENROLLED', 'An authenticator app is already set up. Remove it first.');
  }
  const secret = newTotpSecret();
  await saveUnconfirmedTotp(deps.db, {
    member_id: principal.memberId,
    secret_enc: deps.crypto.encrypt(secret, totpSecretContext),
    last_used_step: null,
    confirmed_at: null,
    created_at: deps.clock.now(),
  });
  // The account label names the deployment, not the person: the app's list shows no email.
  const uri = totpUri(secret, deps.relyingParty.id);
  return { secret, uri, qrSvg: await totpQrSvg(uri) };
}

/** Confirms enrollment with a first code (which is then used up) and counts as a fresh step-up. */
export async function confirmTotp(
  deps: AuthDeps,
  principal: Principal,
  code: string,
): Promise<TotpConfirmation> {
  if (principal.hasSecondFactor) requireStepUp(principal, deps.clock);
  await enforceLimits([[deps.limits.secondFactorPerMember, principal.memberId]]);
  const credential = await findTotpCredential(deps.db, principal.memberId);
  if (!credential || credential.confirmed_at !== null) {
    throw new AppError('TOTP_NOT_STARTED', 'Start setting up an authenticator app first.');
  }
  const secret = deps.crypto.decrypt(credential.secret_enc, totpSecretContext);
  const now = deps.clock.now();
  const step = matchTotpStep(secret, code, now);
  if (step === null) throw secondFactorFailed();
  return inTransaction(deps, async ({ trx }) => {
    if (!(await claimTotpStep(trx, principal.memberId, step, { confirmAt: now }))) {
      throw new AppError('TOTP_NOT_STARTED', 'Start setting up an authenticator app first.');
    }
    await markSecondFactor(trx, principal.sessionId, now, 'totp');
    await recordAudit(deps, trx, {
      networkId: principal.networkId,
      actorMemberId: principal.memberId,
      action: 'auth.secondFactorEnrolled',
      objectType: 'member',
      objectId: principal.memberId,
      metadata: { method: 'totp' },
    });
    return { confirmedAt: now };
  });
}

/** Removes the member's authenticator app (fresh step-up required). */
export async function removeTotp(deps: AuthDeps, principal: Principal): Promise<TotpRemoval> {
  requireStepUp(principal, deps.clock);
  return inTransaction(deps, async ({ trx }) => {
    const isRemoved = await deleteTotp(trx, principal.memberId);
    if (isRemoved) {
      await recordAudit(deps, trx, {
        networkId: principal.networkId,
        actorMemberId: principal.memberId,
        action: 'auth.secondFactorRemoved',
        objectType: 'member',
        objectId: principal.memberId,
        metadata: { method: 'totp' },
      });
    }
    return { isRemoved };
  });
}
