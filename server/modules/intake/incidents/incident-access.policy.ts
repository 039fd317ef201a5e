import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { areasFor, requireRole } from '../../identity/index.ts';
import type { Principal, Role } from '../../identity/index.ts';
import { areaIdsOfIncident } from './incident-areas.service.ts';
import { incidentRoles } from './incident.events.ts';
import { findIncidentById } from './incident.repository.ts';
import type { IncidentRow } from './incident.repository.ts';

export interface IncidentAccessRequest {
  principal: Principal;
  incidentId: string;
  /**
   * The roles that allow what the caller is about to do: `incidentRoles` to work the incident
   * (queue, claims, notes, status, reporter thread, dispatch), evidence's own roles for evidence.
   */
  roles?: readonly Role[];
}

export interface IncidentAccess {
  incident: IncidentRow;
  /** The network's areas containing the incident (none without a location): its rooms and grants. */
  areaIds: string[];
}

/**
 * The one answer to "may this principal see this incident" (shaped like Immich's
 * `requireAccess`): the principal holds one of `roles` network-wide, or limited to an area that
 * contains the incident. Another network's incident, a missing one and one outside the grant are
 * all INCIDENT_NOT_FOUND, so the answer is no oracle for what exists elsewhere. Incidents,
 * dispatch, evidence and the reporter thread all call this.
 */
export async function requireIncidentAccess(
  db: Kysely<Database>,
  request: IncidentAccessRequest,
): Promise<IncidentAccess> {
  const { principal } = request;
  const roles = request.roles ?? incidentRoles;
  requireRole(principal, roles);
  const incident = await findIncidentById(db, request.incidentId);
  if (!incident || incident.network_id !== principal.networkId) throw incidentNotFound();
  const areaIds = await areaIdsOfIncident(db, incident);
  const allowed = areasFor(principal, roles);
  if (allowed !== 'all' && !areaIds.some((areaId) => allowed.includes(areaId))) throw incidentNotFound();
  return { incident, areaIds };
}

function incidentNotFound(): AppError {
  return new AppError('INCIDENT_NOT_FOUND', 'Incident not found.');
}
