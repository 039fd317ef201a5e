import type { UnitOfWork } from '../../../platform/database/unit-of-work.ts';
import { timeZoneOf } from '../responders/index.ts';
import type { DispatchDeps } from './dispatch.deps.ts';
import { areaIdsOfIncident, findIncidentById } from '../../intake/index.ts';
import { findNearestAvailableResponders } from './nearest.ts';
import { createOffer } from './offer-creation.service.ts';
import { countOffersOfIncident, hasWorkingOffer } from './offer.repository.ts';
import type { OfferRow } from './offer.repository.ts';

/** A chain stops after this many hand-offs, and an incident after this many offers in all. */
export const maximumEscalationDepth = 5;
export const maximumOffersPerIncident = 25;

/**
 * After an auto-escalating offer expired or was declined, offers the incident to the next nearest
 * available responder who has not had an offer for it — unless someone already accepted it, the
 * incident no longer needs verifying, or a limit is reached. Runs in the caller's transaction.
 */
export async function escalateAfter(
  deps: DispatchDeps,
  uow: UnitOfWork,
  offer: OfferRow,
): Promise<OfferRow | null> {
  if (offer.is_auto_escalating !== 1 || offer.escalation_depth >= maximumEscalationDepth) return null;
  const incident = await findIncidentById(uow.trx, offer.incident_id);
  if (!incident || (incident.status !== 'new' && incident.status !== 'verifying')) return null;
  if (incident.lat === null || incident.lon === null) return null;
  if (await hasWorkingOffer(uow.trx, incident.id)) return null;
  if ((await countOffersOfIncident(uow.trx, incident.id)) >= maximumOffersPerIncident) return null;
  const candidates = await findNearestAvailableResponders(uow.trx, {
    networkId: incident.network_id,
    point: { lat: incident.lat, lon: incident.lon },
    timeZone: await timeZoneOf({ db: uow.trx }, incident.network_id),
    now: deps.clock.now(),
    areaIds: await areaIdsOfIncident(uow.trx, incident),
    excludeIncidentId: incident.id,
    language: offer.language ?? undefined,
    limit: 3,
  });
  for (const candidate of candidates) {
    const next = await createOffer(deps, uow, {
      incident,
      responderMemberId: candidate.memberId,
      offeredBy: offer.offered_by,
      actorMemberId: null,
      expiresInMs: offer.expires_at - offer.offered_at,
      isAutoEscalating: true,
      escalatedFrom: offer,
      language: offer.language,
      distanceMeters: candidate.distanceMeters,
    });
    if (next) return next;
  }
  return null;
}
