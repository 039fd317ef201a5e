import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { loadVapidKeys, parsePushSubscription } from '../../../platform/push/index.ts';
import { requireRole } from '../../identity/index.ts';
import type { Principal } from '../../identity/index.ts';
import type { ResponderDeps } from './responder.deps.ts';
import { pagedRoles, responderFields } from './responder.deps.ts';
import { updateProfile } from './responder.repository.ts';
import { ensureProfile } from './responder.service.ts';

/** The public VAPID key the responder app subscribes with (the deployment's one pair). */
export async function getPushPublicKey(
  deps: ResponderDeps,
  principal: Principal,
): Promise<{ publicKey: string }> {
  requireRole(principal, pagedRoles);
  return { publicKey: (await loadVapidKeys(deps)).publicKey };
}

/**
 * Stores (encrypted) or removes the responder app's push subscription. Offers then wake the phone
 * by Web Push with no content in the message; SMS remains the fallback.
 */
export async function setOwnPushSubscription(
  deps: ResponderDeps,
  principal: Principal,
  subscription: unknown,
): Promise<{ hasPushSubscription: boolean }> {
  requireRole(principal, pagedRoles);
  let stored: string | null = null;
  if (subscription !== null) {
    const parsed = parsePushSubscription(subscription, deps.pushHosts, deps.allowedPrivateAddresses);
    if (!parsed.isValid) {
      throw new AppError(
        'VALIDATION_FAILED',
        'The push subscription is not valid.',
        parsed.problems.map((problem) => ({
          path: `subscription.${problem.path}`,
          message: problem.message,
        })),
      );
    }
    stored = deps.crypto.encrypt(JSON.stringify(parsed.subscription), responderFields.pushSubscription);
  }
  await inTransaction(deps, async (uow) => {
    const now = deps.clock.now();
    await ensureProfile(uow.trx, principal, now);
    await updateProfile(uow.trx, principal.memberId, { push_subscription_enc: stored, updated_at: now });
  });
  return { hasPushSubscription: stored !== null };
}

/** Forgets a subscription the push service reported gone (404/410). */
export async function forgetPushSubscription(deps: Pick<ResponderDeps, 'db' | 'clock'>, memberId: string) {
  await updateProfile(deps.db, memberId, { push_subscription_enc: null, updated_at: deps.clock.now() });
}
