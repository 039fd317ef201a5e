import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { distanceMeters } from '../../../platform/geo/index.ts';
import { findNetworkById } from '../../identity/index.ts';
import type { Principal } from '../../identity/index.ts';
import type { DispatchDeps } from './dispatch.deps.ts';
import { dispatcherRoles } from './dispatch.deps.ts';
import { defaultOfferSeconds } from './dispatch.contract.ts';
import type { SendOffersInput } from './dispatch.contract.ts';
import { requireIncidentAccess } from '../../intake/index.ts';
import type { IncidentStatus } from '../../intake/index.ts';
import { moveIncidentIfAllowed } from './dispatch-incidents.service.ts';
import { createOffer } from './offer-creation.service.ts';
import { presentOffer } from './offer-presenter.ts';
import type { PresentedOffer, SentOffers } from './dispatch.contract.ts';
import { listOffersOfIncident } from './offer.repository.ts';
import { findCurrentLocations, findEligibleResponderIds } from './responder-directory.repository.ts';

/** Statuses that still take responders: verification, and documenting what was confirmed. */
const dispatchableStatuses: readonly IncidentStatus[] = ['new', 'verifying', 'confirmed'];

export type { SentOffers } from './dispatch.contract.ts';

/**
 * Sends offers for an incident. Every responder must be vetted and cover the incident's area
 * (else RESPONDER_NOT_ELIGIBLE, nothing sent). One already holding a live offer is skipped; when
 * all are, RESPONDER_UNAVAILABLE. A new incident moves to verifying in the same transaction.
 */
export async function sendOffers(
  deps: DispatchDeps,
  principal: Principal,
  incidentId: string,
  input: SendOffersInput,
): Promise<SentOffers> {
  const { incident, areaIds } = await requireIncidentAccess(deps.db, {
    principal,
    incidentId,
    roles: dispatcherRoles,
  });
  if (!dispatchableStatuses.includes(incident.status)) {
    throw new AppError(
      'INCIDENT_NOT_DISPATCHABLE',
      `An incident that is ${incident.status} takes no responders.`,
    );
  }
  const eligible = await findEligibleResponderIds(deps.db, {
    networkId: incident.network_id,
    memberIds: input.responderIds,
    areaIds,
  });
  const ineligible = input.responderIds.filter((id) => !eligible.has(id));
  if (ineligible.length > 0) {
    throw new AppError(
      'RESPONDER_NOT_ELIGIBLE',
      'Only vetted responders covering this incident’s area can be sent.',
      ineligible.map((id) => ({ path: 'responderIds', message: id })),
    );
  }
  const locations = await findCurrentLocations(deps.db, input.responderIds, deps.clock.now());
  // The network's choice unless the dispatcher says otherwise for these offers.
  const network = await findNetworkById(deps.db, incident.network_id);
  const isAutoEscalating = input.autoEscalate ?? network?.settings.isOfferEscalationOn ?? true;
  const point =
    incident.lat === null || incident.lon === null ? null : { lat: incident.lat, lon: incident.lon };
  return inTransaction(deps, async (uow) => {
    const offers: PresentedOffer[] = [];
    const unavailableResponderIds: string[] = [];
    for (const responderMemberId of input.responderIds) {
      const location = locations.get(responderMemberId);
      const offer = await createOffer(deps, uow, {
        incident,
        responderMemberId,
        offeredBy: principal.memberId,
        actorMemberId: principal.memberId,
        expiresInMs: (input.expiresInSeconds ?? defaultOfferSeconds) * 1000,
        isAutoEscalating,
        escalatedFrom: null,
        language: input.language ?? null,
        distanceMeters: point && location ? Math.round(distanceMeters(point, location)) : null,
      });
      if (offer) offers.push(presentOffer(offer));
      else unavailableResponderIds.push(responderMemberId);
    }
    if (offers.length === 0) {
      throw new AppError(
        'RESPONDER_UNAVAILABLE',
        'Every responder you picked is already on another dispatch.',
        unavailableResponderIds.map((id) => ({ path: 'responderIds', message: id })),
      );
    }
    if (incident.status === 'new') {
      await moveIncidentIfAllowed(deps, uow, {
        incidentId: incident.id,
        to: 'verifying',
        actorMemberId: principal.memberId,
        offerId: offers[0]?.id ?? '',
      });
    }
    return { offers, unavailableResponderIds };
  });
}

/** Every offer of an incident, for the dispatchers and coordinators who can see it. */
export async function listIncidentOffers(
  deps: DispatchDeps,
  principal: Principal,
  incidentId: string,
): Promise<{ offers: PresentedOffer[] }> {
  const { incident } = await requireIncidentAccess(deps.db, {
    principal,
    incidentId,
    roles: dispatcherRoles,
  });
  const offers = await listOffersOfIncident(deps.db, incident.id);
  return { offers: offers.map((offer) => presentOffer(offer)) };
}
