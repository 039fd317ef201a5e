import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import type { Principal } from '../../identity/index.ts';
import { boundingBoxAround, chooseIncident, isPlacedLocation } from './clustering.ts';
import type { Point } from './clustering.ts';
import { requireIncidentAccess } from './incident-access.policy.ts';
import { recordIncidentChange } from './incident-changes.service.ts';
import type { IncidentDeps } from './incident.deps.ts';
import { mergeIncident } from './incident-merge.service.ts';
import { memberNamesById } from './incident-names.service.ts';
import { presentIncident } from './incident-presenter.ts';
import type { PlacedIncident } from './incident.contract.ts';
import { findClusterCandidates, findIncidentById, updateIncident } from './incident.repository.ts';

/** A point a dispatcher put on the map: as sure as a pin. */
export const placedByDispatcherRadiusMeters = 50;

/**
 * A dispatcher places (or corrects) an incident's location on the map in one step. Its reports
 * are then clustered again: when another open incident is already there (same distance and time
 * rules as intake), this one is merged into it, through the same door as a dispatcher's merge.
 */
export async function placeIncident(
  deps: IncidentDeps,
  principal: Principal,
  incidentId: string,
  point: Point,
): Promise<PlacedIncident> {
  const { incident } = await requireIncidentAccess(deps.db, { principal, incidentId });
  if (incident.status === 'closed') throw new AppError('INCIDENT_CLOSED', 'This incident is closed.');
  const placed = { lat: Math.round(point.lat * 1e5) / 1e5, lon: Math.round(point.lon * 1e5) / 1e5 };
  const now = deps.clock.now();
  await inTransaction(deps, async (uow) => {
    await updateIncident(uow.trx, incident.id, {
      lat: placed.lat,
      lon: placed.lon,
      location_precision: 'pin',
      location_radius_meters: placedByDispatcherRadiusMeters,
      located_report_count: Math.max(1, incident.located_report_count),
      updated_at: now,
    });
    await recordIncidentChange(deps, uow, {
      incidentId: incident.id,
      actorMemberId: principal.memberId,
      audit: 'incident.placed',
      realtime: 'incident.updated',
      metadata: {
        wasUnclear: !isPlacedLocation(incident.location_precision, incident.location_radius_meters),
      },
    });
  });

  const { clustering } = await deps.settingsFor(incident.network_id);
  const candidates = await findClusterCandidates(deps.db, {
    networkId: incident.network_id,
    box: boundingBoxAround(placed, clustering.distanceMeters),
    from: incident.first_report_at - clustering.windowMs,
    to: incident.latest_report_at + clustering.windowMs,
  });
  const other = chooseIncident(
    { point: placed, occurredAt: incident.latest_report_at },
    candidates
      .filter((row) => row.id !== incident.id)
      .map((row) => ({
        row,
        id: row.id,
        lat: row.lat,
        lon: row.lon,
        firstReportAt: row.first_report_at,
        latestReportAt: row.latest_report_at,
        isPlaced: isPlacedLocation(row.location_precision, row.location_radius_meters),
      })),
    clustering,
  );
  if (other) {
    const merged = await mergeIncident(deps, principal, incident.id, { intoIncidentId: other.id });
    return { incident: merged, mergedIntoId: other.id };
  }
  const updated = await findIncidentById(deps.db, incident.id);
  if (!updated) throw new AppError('INCIDENT_NOT_FOUND', 'Incident not found.');
  const names = await memberNamesById(
    deps,
    updated.network_id,
    updated.claimed_by ? [updated.claimed_by] : [],
  );
  const holder = updated.claimed_by
    ? { memberId: updated.claimed_by, displayName: names.get(updated.claimed_by) ?? null }
    : null;
  return { incident: presentIncident(updated, holder), mergedIntoId: null };
}
