import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { newId } from '../../../platform/ids/ids.ts';
import { enqueueJob } from '../../../platform/jobs/index.ts';
import type { Principal } from '../../identity/index.ts';
import { recordIncidentChange } from './incident-changes.service.ts';
import type { IncidentDeps } from './incident.deps.ts';
import { isUnverified, outcomeOf, requireTransition } from './incident-lifecycle.ts';
import { memberNamesById } from './incident-names.service.ts';
import { requireIncidentAccess } from './incident-access.policy.ts';
import { presentIncident } from './incident-presenter.ts';
import type { PresentedIncident } from './incident-presenter.ts';
import { findIncidentById, updateIncidentIfStatus } from './incident.repository.ts';
import type { IncidentRow } from './incident.repository.ts';
import { insertIncidentNote } from './incident-notes.repository.ts';
import { noteContext } from './incident-notes.service.ts';
import type { IncidentStatus } from './incident.tables.ts';

/**
 * Moves an incident along its lifecycle. Someone else's claim blocks it (take the claim over
 * first); an unclaimed incident is claimed by whoever starts verifying it. An optional note joins
 * the notes thread in the same transaction. Audited and pushed to dispatchers.
 */
export async function changeIncidentStatus(
  deps: IncidentDeps,
  principal: Principal,
  incidentId: string,
  input: { status: IncidentStatus; note?: string },
): Promise<PresentedIncident> {
  const { incident } = await requireIncidentAccess(deps.db, { principal, incidentId });
  requireTransition(incident.status, input.status);
  requireNotClaimedByOther(incident, principal);
  const now = deps.clock.now();
  const from = incident.status;
  const to = input.status;
  const claimsIt = incident.claimed_by === null && to === 'verifying';

  const updated = await inTransaction(deps, async (uow) => {
    const won = await updateIncidentIfStatus(uow.trx, incident.id, from, {
      status: to,
      status_changed_at: now,
      updated_at: now,
      outcome: outcomeOf(to) ?? incident.outcome,
      expires_at: isUnverified(to) ? incident.expires_at : null,
      ...(to === 'closed' ? { closed_at: now, closed_reason: 'resolved' as const } : {}),
      ...(claimsIt ? { claimed_by: principal.memberId, claimed_at: now } : {}),
    });
    if (!won) {
      // Someone else moved it first: report the transition from where it is now.
      const current = await findIncidentById(uow.trx, incident.id);
      requireTransition(current?.status ?? 'closed', to);
      throw new AppError('CONFLICT', 'The incident changed meanwhile; reload it.');
    }
    let noteId: string | null = null;
    if (input.note) {
      noteId = newId();
      await insertIncidentNote(uow.trx, {
        id: noteId,
        network_id: incident.network_id,
        incident_id: incident.id,
        author_member_id: principal.memberId,
        body_enc: deps.crypto.encrypt(input.note, noteContext),
        created_at: now,
      });
    }
    // Issue 4 §7 (modules/sms-hotline): consenting reporters are told the outcome, by a job.
    if (to === 'confirmed' || to === 'false_alarm') {
      await enqueueJob(uow.trx, deps.clock, {
        name: 'reports.notifyOutcome',
        payload: { incidentId: incident.id, outcome: to },
        idempotencyKey: `reports.notifyOutcome:${incident.id}:${to}`,
      });
    }
    return recordIncidentChange(deps, uow, {
      incidentId: incident.id,
      actorMemberId: principal.memberId,
      history: { kind: 'statusChanged', fromStatus: from, toStatus: to },
      audit: 'incident.statusChanged',
      realtime: 'incident.statusChanged',
      metadata: { fromStatus: from, toStatus: to, noteId },
    });
  });
  return presentWithHolder(deps, updated);
}

export function requireNotClaimedByOther(incident: IncidentRow, principal: Principal): void {
  if (incident.claimed_by !== null && incident.claimed_by !== principal.memberId) {
    throw new AppError('INCIDENT_CLAIMED', 'Another dispatcher holds this incident; take it over first.', [
      { path: 'claimedBy', message: incident.claimed_by },
    ]);
  }
}

export async function presentWithHolder(
  deps: Pick<IncidentDeps, 'db' | 'crypto'>,
  incident: IncidentRow,
): Promise<PresentedIncident> {
  if (!incident.claimed_by) return presentIncident(incident, null);
  const names = await memberNamesById(deps, incident.network_id, [incident.claimed_by]);
  return presentIncident(incident, {
    memberId: incident.claimed_by,
    displayName: names.get(incident.claimed_by) ?? null,
  });
}
