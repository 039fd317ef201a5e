import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import { recordAudit } from '../../identity/index.ts';
import type { DispatchDeps } from './dispatch.deps.ts';
import { escalateAfter } from './offer-escalation.service.ts';
import { emitOfferEvent } from './offer.events.ts';
import { findOfferById, updateOfferIfStatus } from './offer.repository.ts';

/**
 * Expires an offer nobody answered (the delayed job runs at its expiry time). Dispatchers are told
 * live; an auto-escalating offer goes to the next nearest responder in the same transaction.
 * Idempotent: an answered, cancelled or already expired offer is left alone.
 */
export async function expireOffer(
  deps: DispatchDeps,
  offerId: string,
): Promise<{ isExpired: boolean; escalatedToOfferId: string | null }> {
  return inTransaction(deps, async (uow) => {
    const now = deps.clock.now();
    const isWon = await updateOfferIfStatus(uow.trx, offerId, ['offered'], {
      status: 'expired',
      expired_at: now,
      updated_at: now,
    });
    if (!isWon) return { isExpired: false, escalatedToOfferId: null };
    const offer = await findOfferById(uow.trx, offerId);
    if (!offer) throw new Error('offer vanished inside its transaction');
    await recordAudit(deps, uow.trx, {
      networkId: offer.network_id,
      actorMemberId: null,
      action: 'dispatch.offerExpired',
      objectType: 'dispatchOffer',
      objectId: offer.id,
      metadata: { incidentId: offer.incident_id },
    });
    const escalated = await escalateAfter(deps, uow, offer);
    await emitOfferEvent(uow, 'dispatch.offerExpired', offer, now, {
      escalatedToOfferId: escalated?.id ?? null,
    });
    return { isExpired: true, escalatedToOfferId: escalated?.id ?? null };
  });
}
