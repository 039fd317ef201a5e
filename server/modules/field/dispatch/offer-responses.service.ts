import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { recordAudit } from '../../identity/index.ts';
import type { Principal } from '../../identity/index.ts';
import type { DispatchDeps } from './dispatch.deps.ts';
import { escalateAfter } from './offer-escalation.service.ts';
import { emitOfferEvent } from './offer.events.ts';
import { requireOwnOffer } from './offer.policy.ts';
import { presentOffer } from './offer-presenter.ts';
import type { PresentedOffer } from './dispatch.contract.ts';
import { findOfferById, updateOfferIfStatus } from './offer.repository.ts';
import type { OfferRow } from './offer.repository.ts';

export type OfferAnswer = 'accept' | 'decline';

/** The responder accepts or declines their own offer (from the app). */
export async function answerOwnOffer(
  deps: DispatchDeps,
  principal: Principal,
  offerId: string,
  answer: OfferAnswer,
): Promise<PresentedOffer> {
  const offer = await requireOwnOffer(deps.db, principal, offerId);
  return presentOffer(await answerOffer(deps, offer, answer, 'app'), { withCode: true });
}

/**
 * Accepts (only before it expires) or declines an offer still waiting for an answer; a decline of
 * an auto-escalating offer passes it on. The caller has checked the offer is the responder's.
 */
export async function answerOffer(
  deps: DispatchDeps,
  offer: OfferRow,
  answer: OfferAnswer,
  channel: 'app' | 'sms',
): Promise<OfferRow> {
  return inTransaction(deps, async (uow) => {
    const now = deps.clock.now();
    const isWon =
      answer === 'accept'
        ? await updateOfferIfStatus(
            uow.trx,
            offer.id,
            ['offered'],
            { status: 'accepted', accepted_at: now, updated_at: now },
            { unexpiredAt: now },
          )
        : await updateOfferIfStatus(uow.trx, offer.id, ['offered'], {
            status: 'declined',
            declined_at: now,
            updated_at: now,
          });
    const current = await findOfferById(uow.trx, offer.id);
    if (!current) throw new Error('offer vanished inside its transaction');
    if (!isWon) throw notPending(current, now);
    await recordAudit(deps, uow.trx, {
      networkId: current.network_id,
      actorMemberId: current.responder_member_id,
      action: answer === 'accept' ? 'dispatch.offerAccepted' : 'dispatch.offerDeclined',
      objectType: 'dispatchOffer',
      objectId: current.id,
      metadata: { incidentId: current.incident_id, channel },
    });
    const escalated = answer === 'decline' ? await escalateAfter(deps, uow, current) : null;
    await emitOfferEvent(
      uow,
      answer === 'accept' ? 'dispatch.offerAccepted' : 'dispatch.offerDeclined',
      current,
      now,
      {
        channel,
        escalatedToOfferId: escalated?.id ?? null,
      },
    );
    return current;
  });
}

function notPending(offer: OfferRow, now: number): AppError {
  if (offer.status === 'expired' || (offer.status === 'offered' && offer.expires_at <= now)) {
    return new AppError('OFFER_EXPIRED', 'This offer has expired.');
  }
  return new AppError('OFFER_NOT_PENDING', `This offer is already ${offer.status}.`, [
    { path: 'status', message: offer.status },
  ]);
}
