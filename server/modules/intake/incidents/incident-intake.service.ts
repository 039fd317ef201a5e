import type { Clock } from '../../../platform/clock/clock.ts';
import type { DialectName } from '../../../platform/database/database.ts';
import type { UnitOfWork } from '../../../platform/database/unit-of-work.ts';
import { newId, newSecretToken } from '../../../platform/ids/ids.ts';
import { addToEstimate, boundingBoxAround, chooseIncident, isPlacedLocation } from './clustering.ts';
import type { Point } from './clustering.ts';
import { findAreaIdsContaining } from './incident-areas.service.ts';
import { incidentEvent } from './incident.events.ts';
import { isUnverified, priorityOf } from './incident-lifecycle.ts';
import { hasReportFromSource } from './incident-reports.repository.ts';
import {
  findClusterCandidates,
  findIncidentById,
  insertIncident,
  insertIncidentEvent,
  lockNetworkIntake,
  updateIncident,
} from './incident.repository.ts';
import type { IncidentRow } from './incident.repository.ts';
import type { IncidentSettings } from './incident-settings.ts';
import type { LocationPrecision, ReportCategory } from './incident.tables.ts';

export interface IncidentIntakeDeps {
  dialect: DialectName;
  clock: Clock;
}

/** The facts of a report that clustering and the incident's aggregates need (no sensitive text). */
export interface IncomingReport {
  reportId: string;
  networkId: string;
  channel: string;
  category: ReportCategory;
  /** Coarse point, or null when only an address text was given. */
  point: Point | null;
  precision: LocationPrecision;
  /** How far off the point may be, in meters (ADR 0036). */
  radiusMeters: number | null;
  zip: string | null;
  occurredAt: number;
  sourceHash: string | null;
}

export interface AttachedReport {
  incident: IncidentRow;
  isNewIncident: boolean;
}

/**
 * Puts a report into the nearest open incident of its network within the distance and time window,
 * or opens a new one, inside the caller's transaction (the report row is inserted by the caller
 * right after, with the returned incident id). Raises `incident.opened` or `incident.reportAdded`.
 */
export async function attachReportToIncident(
  deps: IncidentIntakeDeps,
  uow: UnitOfWork,
  report: IncomingReport,
  settings: IncidentSettings,
): Promise<AttachedReport> {
  const { trx } = uow;
  const now = deps.clock.now();
  await lockNetworkIntake(trx, deps.dialect, report.networkId);
  const { distanceMeters, windowMs } = settings.clustering;
  const isPlaced = isPlacedLocation(report.precision, report.radiusMeters);
  // An unplaced report looks only for incidents on its own ZIP or area centroid (clustering.ts).
  const candidates = report.point
    ? await findClusterCandidates(trx, {
        networkId: report.networkId,
        box: boundingBoxAround(report.point, isPlaced ? distanceMeters : 1),
        from: report.occurredAt - windowMs,
        to: report.occurredAt + windowMs,
      })
    : [];
  const chosen = chooseIncident(
    { point: report.point, occurredAt: report.occurredAt, isPlaced },
    candidates.map((row) => ({
      row,
      id: row.id,
      lat: row.lat,
      lon: row.lon,
      firstReportAt: row.first_report_at,
      latestReportAt: row.latest_report_at,
      isPlaced: isPlacedLocation(row.location_precision, row.location_radius_meters),
    })),
    settings.clustering,
  );

  const attached = chosen
    ? { incident: await addToIncident(deps, uow, chosen.row, report, settings), isNewIncident: false }
    : { incident: await openIncident(deps, uow, report, settings), isNewIncident: true };
  const { incident } = attached;
  const areaIds =
    incident.lat === null || incident.lon === null
      ? []
      : await findAreaIdsContaining(trx, report.networkId, { lat: incident.lat, lon: incident.lon });
  uow.emit(
    incidentEvent(
      attached.isNewIncident ? 'incident.opened' : 'incident.reportAdded',
      incident,
      areaIds,
      now,
      {
        reportId: report.reportId,
        channel: report.channel,
      },
    ),
  );
  return attached;
}

async function openIncident(
  deps: IncidentIntakeDeps,
  uow: UnitOfWork,
  report: IncomingReport,
  settings: IncidentSettings,
): Promise<IncidentRow> {
  const now = deps.clock.now();
  const estimate = addToEstimate(
    { lat: null, lon: null, precision: 'none', count: 0 },
    report.point,
    report.precision,
  );
  const incident: IncidentRow = {
    id: newId(),
    network_id: report.networkId,
    public_id: newSecretToken(12),
    status: 'new',
    outcome: null,
    closed_reason: null,
    merged_into_id: null,
    category: report.category,
    lat: estimate.lat,
    lon: estimate.lon,
    location_precision: estimate.precision,
    location_radius_meters: estimate.count > 0 ? report.radiusMeters : null,
    located_report_count: estimate.count,
    zip: report.zip,
    report_count: 1,
    source_count: 1,
    first_report_at: report.occurredAt,
    latest_report_at: report.occurredAt,
    last_received_at: now,
    priority: priorityOf(report.category, 1),
    claimed_by: null,
    claimed_at: null,
    expires_at: report.occurredAt + settings.unverifiedExpiryMs,
    status_changed_at: now,
    closed_at: null,
    created_at: now,
    updated_at: now,
    public_withheld_at: null,
    public_withheld_by: null,
    public_withheld_reason_enc: null,
  };
  await insertIncident(uow.trx, incident);
  await insertIncidentEvent(uow.trx, {
    id: newId(),
    network_id: report.networkId,
    incident_id: incident.id,
    kind: 'opened',
    from_status: null,
    to_status: 'new',
    actor_member_id: null,
    metadata: JSON.stringify({ channel: report.channel }),
    created_at: now,
  });
  return incident;
}

async function addToIncident(
  deps: IncidentIntakeDeps,
  uow: UnitOfWork,
  incident: IncidentRow,
  report: IncomingReport,
  settings: IncidentSettings,
): Promise<IncidentRow> {
  const now = deps.clock.now();
  const isNewSource =
    report.sourceHash === null || !(await hasReportFromSource(uow.trx, incident.id, report.sourceHash));
  const estimate = addToEstimate(
    {
      lat: incident.lat,
      lon: incident.lon,
      precision: incident.location_precision,
      count: incident.located_report_count,
    },
    report.point,
    report.precision,
  );
  const sourceCount = incident.source_count + (isNewSource ? 1 : 0);
  const latestReportAt = Math.max(incident.latest_report_at, report.occurredAt);
  await updateIncident(uow.trx, incident.id, {
    lat: estimate.lat,
    lon: estimate.lon,
    location_precision: estimate.precision,
    location_radius_meters: radiusAfter(incident, report, estimate.precision),
    located_report_count: estimate.count,
    zip: incident.zip ?? report.zip,
    report_count: incident.report_count + 1,
    source_count: sourceCount,
    first_report_at: Math.min(incident.first_report_at, report.occurredAt),
    latest_report_at: latestReportAt,
    last_received_at: Math.max(incident.last_received_at, now),
    priority: priorityOf(incident.category, sourceCount),
    expires_at: isUnverified(incident.status)
      ? latestReportAt + settings.unverifiedExpiryMs
      : incident.expires_at,
    updated_at: now,
  });
  const updated = await findIncidentById(uow.trx, incident.id);
  if (!updated) throw new Error('incident vanished inside its transaction');
  return updated;
}

/** A better kind of location replaces the radius; one of the same kind keeps the tighter radius. */
function radiusAfter(
  incident: IncidentRow,
  report: IncomingReport,
  precision: LocationPrecision,
): number | null {
  const current = incident.location_radius_meters ?? null;
  if (precision !== report.precision || report.point === null) return current;
  if (incident.location_precision !== precision || current === null) return report.radiusMeters;
  return report.radiusMeters === null ? current : Math.min(current, report.radiusMeters);
}
