/**
 * Moving an incident's status inside dispatch's own transaction with a responder or the system
 * as actor, using the incidents module's lifecycle rules and recorder. Reading an incident, its
 * areas and the access check come from intake's index.ts directly.
 */
import type { Clock } from '../../../platform/clock/clock.ts';
import type { DialectName } from '../../../platform/database/database.ts';
import type { UnitOfWork } from '../../../platform/database/unit-of-work.ts';
import {
  canTransition,
  findIncidentById,
  isUnverified,
  outcomeOf,
  recordIncidentChange,
  updateIncidentIfStatus,
} from '../../intake/index.ts';
import type { IncidentStatus } from '../../intake/index.ts';

/**
 * Moves the incident to `to` inside the caller's transaction when its lifecycle allows it from
 * where it is now, with the same history entry, audit entry and realtime event as a dispatcher's
 * change. Returns false (and changes nothing) when the transition is not allowed: a responder's
 * later report never overrides an outcome already recorded.
 */
export async function moveIncidentIfAllowed(
  deps: { dialect: DialectName; clock: Clock },
  uow: UnitOfWork,
  input: { incidentId: string; to: IncidentStatus; actorMemberId: string | null; offerId: string },
): Promise<boolean> {
  const incident = await findIncidentById(uow.trx, input.incidentId);
  if (!incident || !canTransition(incident.status, input.to)) return false;
  const now = deps.clock.now();
  const won = await updateIncidentIfStatus(uow.trx, incident.id, incident.status, {
    status: input.to,
    status_changed_at: now,
    updated_at: now,
    outcome: outcomeOf(input.to) ?? incident.outcome,
    expires_at: isUnverified(input.to) ? incident.expires_at : null,
  });
  if (!won) return false;
  await recordIncidentChange(deps, uow, {
    incidentId: incident.id,
    actorMemberId: input.actorMemberId,
    history: { kind: 'statusChanged', fromStatus: incident.status, toStatus: input.to },
    audit: 'incident.statusChanged',
    realtime: 'incident.statusChanged',
    metadata: { fromStatus: incident.status, toStatus: input.to, offerId: input.offerId },
  });
  return true;
}
