import { recordSensitiveRead } from '../../identity/index.ts';
import { requireRole } from '../../identity/index.ts';
import type { Principal } from '../../identity/index.ts';
import type { DispatchDeps } from './dispatch.deps.ts';
import { offerFields } from './dispatch.deps.ts';
import { workingOfferStatuses } from './dispatch.tables.ts';
import { findIncidentById } from '../../intake/index.ts';
import type { IncidentRow } from '../../intake/index.ts';
import { requireVisibleOffer } from './offer.policy.ts';
import { presentOffer } from './offer-presenter.ts';
import type { OfferDetail, OwnOfferList, ResponderIncidentView } from './dispatch.contract.ts';
import { listOffersOfResponder } from './offer.repository.ts';
import type { OfferRow } from './offer.repository.ts';

function incidentViewFor(offer: OfferRow, incident: IncidentRow | undefined): ResponderIncidentView {
  const isAccepted = (workingOfferStatuses as readonly string[]).includes(offer.status);
  const location =
    isAccepted && incident && incident.lat !== null && incident.lon !== null
      ? { lat: Math.round(incident.lat * 1e3) / 1e3, lon: Math.round(incident.lon * 1e3) / 1e3 }
      : null;
  return {
    id: offer.incident_id,
    category: incident?.category ?? 'other',
    status: incident?.status ?? 'closed',
    location,
    zip: isAccepted ? (incident?.zip ?? null) : null,
  };
}

/** The responder's own offers, newest first, each with what they may know of its incident. */
export async function listOwnOffers(
  deps: DispatchDeps,
  principal: Principal,
  query: { limit?: number },
): Promise<OwnOfferList> {
  requireRole(principal, ['responder']);
  const offers = await listOffersOfResponder(deps.db, principal.memberId, query.limit ?? 20);
  const incidents = new Map<string, IncidentRow | undefined>();
  for (const offer of offers) {
    if (!incidents.has(offer.incident_id))
      incidents.set(offer.incident_id, await findIncidentById(deps.db, offer.incident_id));
  }
  return {
    offers: offers.map((offer) => ({
      ...presentOffer(offer, { withCode: true }),
      incident: incidentViewFor(offer, incidents.get(offer.incident_id)),
    })),
  };
}

/**
 * One offer, for its responder or a dispatcher or coordinator who can see the incident. Notes and
 * the livestream link are decrypted here; a dispatcher's read of them is audited.
 */
export async function getOfferDetail(
  deps: DispatchDeps,
  principal: Principal,
  offerId: string,
): Promise<OfferDetail> {
  const { offer, isOwn } = await requireVisibleOffer(deps.db, principal, offerId);
  const incident = await findIncidentById(deps.db, offer.incident_id);
  const hasSensitive = offer.outcome_notes_enc !== null || offer.livestream_url_enc !== null;
  if (hasSensitive && !isOwn) {
    await recordSensitiveRead(deps, deps.db, {
      networkId: offer.network_id,
      actorMemberId: principal.memberId,
      objectType: 'dispatchOffer',
      objectId: offer.id,
      field: 'outcomeReport',
    });
  }
  return {
    offer: presentOffer(offer, { withCode: isOwn }),
    incident: incidentViewFor(offer, incident),
    notes: offer.outcome_notes_enc
      ? deps.crypto.decrypt(offer.outcome_notes_enc, offerFields.outcomeNotes)
      : null,
    livestreamUrl: offer.livestream_url_enc
      ? deps.crypto.decrypt(offer.livestream_url_enc, offerFields.livestreamUrl)
      : null,
  };
}
