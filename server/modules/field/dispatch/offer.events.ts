import type { UnitOfWork } from '../../../platform/database/unit-of-work.ts';
import { rooms } from '../../../platform/realtime/rooms.ts';
import { areaIdsOfIncident, findIncidentById, incidentRooms } from '../../intake/index.ts';
import type { OfferRow } from './offer.repository.ts';
import type { OfferEventType } from './dispatch.contract.ts';

export type { OfferEventType } from './dispatch.contract.ts';

/**
 * Raises an offer event in the unit of work: to the incident's dispatcher and coordinator rooms
 * (network-wide and per area) and to the responder's own room. Ids, states and times only.
 */
export async function emitOfferEvent(
  uow: UnitOfWork,
  type: OfferEventType,
  offer: OfferRow,
  occurredAt: number,
  extra: Record<string, string | number | boolean | null> = {},
): Promise<void> {
  const incident = await findIncidentById(uow.trx, offer.incident_id);
  const areaIds = incident ? await areaIdsOfIncident(uow.trx, incident) : [];
  uow.emit({
    type,
    networkId: offer.network_id,
    rooms: [...incidentRooms(offer.network_id, areaIds), rooms.member(offer.responder_member_id)],
    data: {
      offerId: offer.id,
      incidentId: offer.incident_id,
      responderMemberId: offer.responder_member_id,
      status: offer.status,
      expiresAt: offer.expires_at,
      outcome: offer.outcome,
      ...extra,
    },
    occurredAt,
  });
}
