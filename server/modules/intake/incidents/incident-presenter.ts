import { isPlacedLocation } from './clustering.ts';
import type { ClaimHolder, PresentedIncident } from './incident.contract.ts';
import type { IncidentRow } from './incident.repository.ts';

export type { ClaimHolder, PresentedIncident } from './incident.contract.ts';

/** An incident as dispatchers see it in the queue and the detail view. */
export function presentIncident(incident: IncidentRow, holder: ClaimHolder | null): PresentedIncident {
  return {
    id: incident.id,
    publicId: incident.public_id,
    status: incident.status,
    outcome: incident.outcome,
    closedReason: incident.closed_reason,
    mergedIntoId: incident.merged_into_id,
    category: incident.category,
    priority: incident.priority,
    location:
      incident.lat === null || incident.lon === null
        ? null
        : {
            lat: incident.lat,
            lon: incident.lon,
            precision: incident.location_precision,
            radiusMeters: incident.location_radius_meters ?? null,
          },
    isLocationUnclear: !isPlacedLocation(incident.location_precision, incident.location_radius_meters),
    zip: incident.zip,
    reportCount: incident.report_count,
    sourceCount: incident.source_count,
    firstReportAt: incident.first_report_at,
    latestReportAt: incident.latest_report_at,
    lastReceivedAt: incident.last_received_at,
    claim: holder && incident.claimed_at !== null ? { ...holder, claimedAt: incident.claimed_at } : null,
    expiresAt: incident.expires_at,
    statusChangedAt: incident.status_changed_at,
    closedAt: incident.closed_at,
    createdAt: incident.created_at,
  };
}
