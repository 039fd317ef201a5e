import type { PresentedOffer } from './dispatch.contract.ts';
import type { OfferRow } from './offer.repository.ts';

export type { PresentedOffer } from './dispatch.contract.ts';

export function presentOffer(offer: OfferRow, options: { withCode?: boolean } = {}): PresentedOffer {
  return {
    id: offer.id,
    incidentId: offer.incident_id,
    responderMemberId: offer.responder_member_id,
    offeredBy: offer.offered_by,
    status: offer.status,
    isAutoEscalating: offer.is_auto_escalating === 1,
    escalatedFromId: offer.escalated_from_id,
    distanceMeters: offer.distance_meters,
    expiresAt: offer.expires_at,
    offeredAt: offer.offered_at,
    acceptedAt: offer.accepted_at,
    declinedAt: offer.declined_at,
    expiredAt: offer.expired_at,
    cancelledAt: offer.cancelled_at,
    enRouteAt: offer.en_route_at,
    etaAt: offer.eta_at,
    onSceneAt: offer.on_scene_at,
    doneAt: offer.done_at,
    outcome: offer.outcome,
    outcomeAt: offer.outcome_at,
    hasNotes: offer.outcome_notes_enc !== null,
    hasLivestream: offer.livestream_url_enc !== null,
    ...(options.withCode ? { code: offer.code } : {}),
  };
}
