import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import type { UnitOfWork } from '../../../platform/database/unit-of-work.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import type { Principal } from '../../identity/index.ts';
import { recordIncidentChange } from './incident-changes.service.ts';
import type { IncidentDeps } from './incident.deps.ts';
import { requireIncidentAccess } from './incident-access.policy.ts';
import type { PresentedIncident } from './incident-presenter.ts';
import { setClaimIfHeldBy } from './incident.repository.ts';
import { presentWithHolder, requireNotClaimedByOther } from './incident-status.service.ts';

/**
 * Claims an incident so two dispatchers never work it unknowingly. Claiming one held by someone
 * else needs `takeOver` and is audited as a takeover naming the previous holder (by id).
 */
export async function claimIncident(
  deps: IncidentDeps,
  principal: Principal,
  incidentId: string,
  input: { takeOver?: boolean },
): Promise<PresentedIncident> {
  const { incident } = await requireIncidentAccess(deps.db, { principal, incidentId });
  if (incident.status === 'closed') throw new AppError('INCIDENT_CLOSED', 'This incident is closed.');
  if (incident.claimed_by === principal.memberId) return presentWithHolder(deps, incident);
  if (!input.takeOver) requireNotClaimedByOther(incident, principal);
  const previousHolder = incident.claimed_by;
  const now = deps.clock.now();

  const updated = await inTransaction(deps, async (uow) => {
    const won = await setClaimIfHeldBy(uow.trx, incident.id, previousHolder, {
      claimed_by: principal.memberId,
      claimed_at: now,
      updated_at: now,
    });
    if (!won) throw claimChanged();
    return recordIncidentChange(deps, uow, {
      incidentId: incident.id,
      actorMemberId: principal.memberId,
      history: { kind: previousHolder ? 'claimTakenOver' : 'claimed' },
      audit: previousHolder ? 'incident.claimTakenOver' : 'incident.claimed',
      realtime: 'incident.claimed',
      metadata: { claimedBy: principal.memberId, previousHolder },
    });
  });
  return presentWithHolder(deps, updated);
}

/** Gives up one's own claim (another's claim is taken over, never released). */
export async function releaseIncident(
  deps: IncidentDeps,
  principal: Principal,
  incidentId: string,
): Promise<PresentedIncident> {
  const { incident } = await requireIncidentAccess(deps.db, { principal, incidentId });
  if (incident.claimed_by === null) return presentWithHolder(deps, incident);
  requireNotClaimedByOther(incident, principal);
  const now = deps.clock.now();
  const updated = await inTransaction(deps, async (uow) => {
    const won = await setClaimIfHeldBy(uow.trx, incident.id, principal.memberId, {
      claimed_by: null,
      claimed_at: null,
      updated_at: now,
    });
    if (!won) throw claimChanged();
    return recordIncidentChange(deps, uow, {
      incidentId: incident.id,
      actorMemberId: principal.memberId,
      history: { kind: 'claimReleased' },
      audit: 'incident.claimReleased',
      realtime: 'incident.claimReleased',
      metadata: { previousHolder: principal.memberId },
    });
  });
  return presentWithHolder(deps, updated);
}

function claimChanged(): AppError {
  return new AppError('INCIDENT_CLAIMED', 'The claim changed meanwhile; reload the incident.');
}

/**
 * Claims an unclaimed incident for a member who acknowledged a page for it (the page link or a
 * texted code), in the caller's transaction; the caller checked that the member may work it.
 * False when it is closed or someone holds it already: a page never takes over a claim.
 */
export async function claimIncidentForPage(
  deps: Pick<IncidentDeps, 'dialect' | 'clock'>,
  uow: UnitOfWork,
  input: { incidentId: string; memberId: string; via: string },
): Promise<boolean> {
  const now = deps.clock.now();
  const won = await setClaimIfHeldBy(uow.trx, input.incidentId, null, {
    claimed_by: input.memberId,
    claimed_at: now,
    updated_at: now,
  });
  if (!won) return false;
  await recordIncidentChange(deps, uow, {
    incidentId: input.incidentId,
    actorMemberId: input.memberId,
    history: { kind: 'claimed' },
    audit: 'incident.claimed',
    realtime: 'incident.claimed',
    metadata: { claimedBy: input.memberId, previousHolder: null, via: input.via },
  });
  return true;
}
