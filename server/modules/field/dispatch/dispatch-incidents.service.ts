/**
 * Dispatch's one door into the incidents module (and evidence's, through dispatch): reading an
 * incident, its areas and rooms, and moving its status inside dispatch's own transaction with a
 * responder or the system as actor, using the incidents module's lifecycle rules and recorder.
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../../../platform/clock/clock.ts';
import type { DialectName } from '../../../platform/database/database.ts';
import type { Database } from '../../../platform/database/schema.ts';
import type { UnitOfWork } from '../../../platform/database/unit-of-work.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { areasFor, requireRole } from '../../identity/index.ts';
import type { Principal } from '../../identity/index.ts';
import {
  canTransition,
  findIncidentById,
  incidentRooms,
  isUnverified,
  outcomeOf,
  recordIncidentChange,
  updateIncidentIfStatus,
} from '../../intake/index.ts';
import type { IncidentRow, IncidentStatus } from '../../intake/index.ts';
import type { Role } from '../../identity/index.ts';
import { findAreasContainingPoint } from '../../identity/index.ts';

export type { IncidentRow, IncidentStatus };

export async function findIncident(
  db: Kysely<Database>,
  incidentId: string,
): Promise<IncidentRow | undefined> {
  return findIncidentById(db, incidentId);
}

/** Ids of the network's areas containing the incident's coarse point (none without a point). */
export async function areaIdsOfIncident(
  db: Kysely<Database>,
  incident: Pick<IncidentRow, 'network_id' | 'lat' | 'lon'>,
): Promise<string[]> {
  if (incident.lat === null || incident.lon === null) return [];
  const areas = await findAreasContainingPoint(db, incident.network_id, incident.lat, incident.lon);
  return areas.map((area) => area.id);
}

/** Dispatcher and coordinator rooms (network-wide and per area) where the incident's news goes. */
export function roomsOfIncident(networkId: string, areaIds: readonly string[]): string[] {
  return incidentRooms(networkId, areaIds);
}

/**
 * The incident, if the principal holds one of `roles` for it: network-wide, or limited to an area
 * containing it. Another network's incident, or one outside the grant, is reported as not found.
 */
export async function requireIncidentAccess(
  db: Kysely<Database>,
  principal: Principal,
  incidentId: string,
  roles: readonly Role[],
): Promise<{ incident: IncidentRow; areaIds: string[] }> {
  requireRole(principal, roles);
  const incident = await findIncidentById(db, incidentId);
  if (!incident || incident.network_id !== principal.networkId) throw incidentNotFound();
  const areaIds = await areaIdsOfIncident(db, incident);
  const allowed = areasFor(principal, roles);
  if (allowed !== 'all' && !areaIds.some((areaId) => allowed.includes(areaId))) throw incidentNotFound();
  return { incident, areaIds };
}

export function incidentNotFound(): AppError {
  return new AppError('INCIDENT_NOT_FOUND', 'Incident not found.');
}

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
