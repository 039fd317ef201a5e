import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { recordAudit } from '../../identity/index.ts';
import { hasRole } from '../../identity/index.ts';
import type { Principal } from '../../identity/index.ts';
import type { DispatchDeps } from './dispatch.deps.ts';
import { dispatcherRoles, offerFields } from './dispatch.deps.ts';
import type { DispatchOffersTable, OfferStatus, OnSceneOutcome } from './dispatch.tables.ts';
import { activeOfferStatuses, workingOfferStatuses } from './dispatch.tables.ts';
import { findIncidentById } from '../../intake/index.ts';
import type { IncidentStatus } from '../../intake/index.ts';
import { moveIncidentIfAllowed } from './dispatch-incidents.service.ts';
import { emitOfferEvent } from './offer.events.ts';
import { offerNotFound, requireOwnOffer, requireVisibleOffer } from './offer.policy.ts';
import { presentOffer } from './offer-presenter.ts';
import type { PresentedOffer, ReportedOutcome } from './dispatch.contract.ts';
import { findOfferById, updateOfferIfStatus } from './offer.repository.ts';
import type { OutcomeInput } from './dispatch.contract.ts';

type ProgressStep = 'enRoute' | 'onScene' | 'done';

const steps: Record<
  ProgressStep,
  { status: OfferStatus; from: OfferStatus[]; column: keyof DispatchOffersTable }
> = {
  enRoute: { status: 'en_route', from: ['accepted'], column: 'en_route_at' },
  onScene: { status: 'on_scene', from: ['accepted', 'en_route'], column: 'on_scene_at' },
  done: { status: 'done', from: ['accepted', 'en_route', 'on_scene'], column: 'done_at' },
};

/** The responder reports en route, on scene or done (forward only; a step may be skipped). */
export async function reportOfferProgress(
  deps: DispatchDeps,
  principal: Principal,
  offerId: string,
  step: ProgressStep,
  etaMinutes?: number,
): Promise<PresentedOffer> {
  const offer = await requireOwnOffer(deps.db, principal, offerId);
  const { status, from, column } = steps[step];
  return inTransaction(deps, async (uow) => {
    const now = deps.clock.now();
    const isWon = await updateOfferIfStatus(uow.trx, offer.id, from, {
      status,
      [column]: now,
      ...(etaMinutes === undefined ? {} : { eta_at: now + etaMinutes * 60_000 }),
      updated_at: now,
    });
    const current = await findOfferById(uow.trx, offer.id);
    if (!current) throw offerNotFound();
    if (!isWon) {
      throw new AppError(
        'OFFER_TRANSITION_INVALID',
        `An offer that is ${current.status} cannot become ${status}.`,
        [{ path: 'status', message: `allowed from: ${from.join(', ')}` }],
      );
    }
    await recordAudit(deps, uow.trx, {
      networkId: current.network_id,
      actorMemberId: principal.memberId,
      action: 'dispatch.statusReported',
      objectType: 'dispatchOffer',
      objectId: current.id,
      metadata: { incidentId: current.incident_id, status },
    });
    await emitOfferEvent(uow, 'dispatch.statusReported', current, now);
    return presentOffer(current, { withCode: true });
  });
}

const incidentStatusFor: Record<OnSceneOutcome, IncidentStatus> = {
  confirmed: 'confirmed',
  not_confirmed: 'unconfirmed',
  false_alarm: 'false_alarm',
};

export type { ReportedOutcome } from './dispatch.contract.ts';

/**
 * The responder's finding on scene. The incident moves through its lifecycle (verifying →
 * confirmed, unconfirmed or false alarm) in the same transaction, and dispatchers get both the
 * offer event and the incident's status event at once. Notes and the livestream link are stored
 * encrypted and never leave in events or audit entries. A retry carrying the same `clientKey`
 * (the Idempotency-Key the phone made for its queued outcome) gets the stored answer, not
 * OUTCOME_ALREADY_REPORTED.
 */
export async function reportOutcome(
  deps: DispatchDeps,
  principal: Principal,
  offerId: string,
  input: OutcomeInput,
  clientKey: string | null = null,
): Promise<ReportedOutcome> {
  const offer = await requireOwnOffer(deps.db, principal, offerId);
  return inTransaction(deps, async (uow) => {
    const now = deps.clock.now();
    const isWon = await updateOfferIfStatus(
      uow.trx,
      offer.id,
      workingOfferStatuses,
      {
        outcome: input.outcome,
        outcome_at: now,
        outcome_notes_enc: input.notes ? deps.crypto.encrypt(input.notes, offerFields.outcomeNotes) : null,
        livestream_url_enc: input.livestreamUrl
          ? deps.crypto.encrypt(input.livestreamUrl, offerFields.livestreamUrl)
          : null,
        outcome_client_key: clientKey,
        updated_at: now,
      },
      { outcomeUnset: true },
    );
    const current = await findOfferById(uow.trx, offer.id);
    if (!current) throw offerNotFound();
    if (!isWon) {
      if (current.outcome !== null && clientKey !== null && current.outcome_client_key === clientKey) {
        const incident = await findIncidentById(uow.trx, current.incident_id);
        return {
          offer: presentOffer(current, { withCode: true }),
          incident: {
            id: current.incident_id,
            status: incident?.status ?? incidentStatusFor[current.outcome],
          },
          isIncidentChanged: false,
        };
      }
      if (current.outcome !== null)
        throw new AppError('OUTCOME_ALREADY_REPORTED', 'You already reported the outcome.');
      throw new AppError('OFFER_TRANSITION_INVALID', 'Accept the offer before reporting an outcome.');
    }
    const target = incidentStatusFor[input.outcome];
    const move = (to: IncidentStatus) =>
      moveIncidentIfAllowed(deps, uow, {
        incidentId: current.incident_id,
        to,
        actorMemberId: principal.memberId,
        offerId: current.id,
      });
    if ((await findIncidentById(uow.trx, current.incident_id))?.status === 'new') await move('verifying');
    const isIncidentChanged = await move(target);
    const incident = await findIncidentById(uow.trx, current.incident_id);
    await recordAudit(deps, uow.trx, {
      networkId: current.network_id,
      actorMemberId: principal.memberId,
      action: 'dispatch.outcomeReported',
      objectType: 'dispatchOffer',
      objectId: current.id,
      metadata: { incidentId: current.incident_id, outcome: input.outcome, isIncidentChanged },
    });
    await emitOfferEvent(uow, 'dispatch.outcomeReported', current, now, {
      incidentStatus: incident?.status ?? null,
      isIncidentChanged,
    });
    return {
      offer: presentOffer(current, { withCode: true }),
      incident: { id: current.incident_id, status: incident?.status ?? target },
      isIncidentChanged,
    };
  });
}

/** A dispatcher withdraws an offer or stands a responder down; the responder is told live. */
export async function cancelOffer(
  deps: DispatchDeps,
  principal: Principal,
  offerId: string,
): Promise<PresentedOffer> {
  const { offer, isOwn } = await requireVisibleOffer(deps.db, principal, offerId);
  if (isOwn && !hasRole(principal, dispatcherRoles)) throw offerNotFound();
  return inTransaction(deps, async (uow) => {
    const now = deps.clock.now();
    const isWon = await updateOfferIfStatus(uow.trx, offer.id, activeOfferStatuses, {
      status: 'cancelled',
      cancelled_at: now,
      updated_at: now,
    });
    const current = await findOfferById(uow.trx, offer.id);
    if (!current) throw offerNotFound();
    if (!isWon)
      throw new AppError(
        'OFFER_TRANSITION_INVALID',
        `An offer that is ${current.status} cannot be cancelled.`,
      );
    await recordAudit(deps, uow.trx, {
      networkId: current.network_id,
      actorMemberId: principal.memberId,
      action: 'dispatch.offerCancelled',
      objectType: 'dispatchOffer',
      objectId: current.id,
      metadata: { incidentId: current.incident_id },
    });
    await emitOfferEvent(uow, 'dispatch.offerCancelled', current, now);
    return presentOffer(current);
  });
}
