import type { DomainEvent } from '../../../platform/realtime/events.ts';
import { rooms } from '../../../platform/realtime/rooms.ts';
import { incidentRoles } from './incident.contract.ts';
import type { IncidentEventType } from './incident.contract.ts';
import type { IncidentRow } from './incident.repository.ts';

export { incidentRoles } from './incident.contract.ts';

export type { IncidentEventType } from './incident.contract.ts';

/**
 * Rooms for an incident: dispatchers and coordinators of the whole network, and those whose grant
 * is limited to an area that contains the incident.
 */
export function incidentRooms(networkId: string, areaIds: readonly string[]): string[] {
  return [
    ...incidentRoles.map((role) => rooms.role(networkId, role)),
    ...areaIds.flatMap((areaId) => incidentRoles.map((role) => rooms.areaRole(areaId, role))),
  ];
}

/** What realtime clients learn: ids, counts, status and a coarse point, never report text or people. */
export function incidentSummary(incident: IncidentRow): Record<string, unknown> {
  return {
    incidentId: incident.id,
    status: incident.status,
    category: incident.category,
    priority: incident.priority,
    reportCount: incident.report_count,
    sourceCount: incident.source_count,
    firstReportAt: incident.first_report_at,
    latestReportAt: incident.latest_report_at,
    location:
      incident.lat === null || incident.lon === null
        ? null
        : { lat: Math.round(incident.lat * 1e3) / 1e3, lon: Math.round(incident.lon * 1e3) / 1e3 },
    zip: incident.zip,
    claimedBy: incident.claimed_by,
  };
}

export function incidentEvent(
  type: IncidentEventType,
  incident: IncidentRow,
  areaIds: readonly string[],
  occurredAt: number,
  extra: Record<string, unknown> = {},
): DomainEvent {
  return {
    type,
    networkId: incident.network_id,
    rooms: incidentRooms(incident.network_id, areaIds),
    data: { ...incidentSummary(incident), ...extra },
    occurredAt,
  };
}
