import type { UnitOfWork } from '../../../platform/database/unit-of-work.ts';
import { newId } from '../../../platform/ids/ids.ts';
import { enqueueJobInUnitOfWork } from '../../../platform/jobs/index.ts';
import { recordAudit } from '../../identity/index.ts';
import type { DispatchDeps } from './dispatch.deps.ts';
import type { IncidentRow } from '../../intake/index.ts';
import { newOfferCode } from './offer-code.ts';
import { emitOfferEvent } from './offer.events.ts';
import { findOfferById, insertOfferIfResponderFree } from './offer.repository.ts';
import type { OfferRow } from './offer.repository.ts';

export const notifyResponderJobName = 'dispatch.notifyResponder';
export const expireOfferJobName = 'dispatch.expireOffer';

export interface NewOffer {
  incident: Pick<IncidentRow, 'id' | 'network_id'>;
  responderMemberId: string;
  /** The dispatcher who sent it, or who sent the offer it escalates from. */
  offeredBy: string;
  /** Who acted now: the dispatcher, or null when the system escalates. */
  actorMemberId: string | null;
  expiresInMs: number;
  isAutoEscalating: boolean;
  escalatedFrom: OfferRow | null;
  language: string | null;
  distanceMeters: number | null;
}

/**
 * Creates one offer in the unit of work, unless the responder already holds a live offer (then
 * null). With it: the audit entry, the realtime event, and two jobs in the same transaction —
 * notify the responder now, and expire the offer when its time is up.
 */
export async function createOffer(
  deps: DispatchDeps,
  uow: UnitOfWork,
  input: NewOffer,
): Promise<OfferRow | null> {
  const now = deps.clock.now();
  const id = newId();
  const isInserted = await insertOfferIfResponderFree(uow.trx, {
    id,
    network_id: input.incident.network_id,
    incident_id: input.incident.id,
    responder_member_id: input.responderMemberId,
    offered_by: input.offeredBy,
    status: 'offered',
    code: newOfferCode(),
    is_auto_escalating: input.isAutoEscalating ? 1 : 0,
    escalated_from_id: input.escalatedFrom?.id ?? null,
    escalation_depth: input.escalatedFrom ? input.escalatedFrom.escalation_depth + 1 : 0,
    language: input.language,
    distance_meters: input.distanceMeters,
    expires_at: now + input.expiresInMs,
    offered_at: now,
    accepted_at: null,
    declined_at: null,
    expired_at: null,
    cancelled_at: null,
    en_route_at: null,
    eta_at: null,
    on_scene_at: null,
    done_at: null,
    outcome: null,
    outcome_at: null,
    outcome_notes_enc: null,
    livestream_url_enc: null,
    outcome_client_key: null,
    updated_at: now,
  });
  if (!isInserted) return null;
  const offer = await findOfferById(uow.trx, id);
  if (!offer) throw new Error('offer vanished inside its transaction');
  await recordAudit(deps, uow.trx, {
    networkId: offer.network_id,
    actorMemberId: input.actorMemberId,
    action: 'dispatch.offerSent',
    objectType: 'dispatchOffer',
    objectId: offer.id,
    metadata: {
      incidentId: offer.incident_id,
      responderMemberId: offer.responder_member_id,
      escalatedFromId: offer.escalated_from_id,
      expiresAt: offer.expires_at,
    },
  });
  await emitOfferEvent(uow, 'dispatch.offerSent', offer, now, { escalatedFromId: offer.escalated_from_id });
  await enqueueJobInUnitOfWork(uow, deps, {
    name: notifyResponderJobName,
    payload: { offerId: offer.id },
    idempotencyKey: `${notifyResponderJobName}:${offer.id}`,
  });
  await enqueueJobInUnitOfWork(uow, deps, {
    name: expireOfferJobName,
    payload: { offerId: offer.id },
    idempotencyKey: `${expireOfferJobName}:${offer.id}`,
    runAt: offer.expires_at,
  });
  return offer;
}
