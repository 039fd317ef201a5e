import { estimateFrom } from './clustering.ts';
import { isUnverified, priorityOf } from './incident-lifecycle.ts';
import type { IncidentsTable, IncidentStatus, LocationPrecision, ReportCategory } from './incident.tables.ts';

export interface ReportFacts {
  category: ReportCategory;
  lat: number | null;
  lon: number | null;
  location_precision: LocationPrecision;
  zip: string | null;
  occurred_at: number;
  created_at: number;
  source_hash: string | null;
}

export type IncidentAggregates = Pick<
  IncidentsTable,
  | 'lat'
  | 'lon'
  | 'location_precision'
  | 'located_report_count'
  | 'zip'
  | 'report_count'
  | 'source_count'
  | 'first_report_at'
  | 'latest_report_at'
  | 'last_received_at'
  | 'priority'
  | 'expires_at'
>;

/**
 * An incident's counts, times and location estimate computed from all its reports (after a merge
 * or split), matching what intake maintains one report at a time. `reports` is non-empty and in
 * occurred_at order.
 */
export function aggregateReports(
  reports: readonly ReportFacts[],
  incident: { category: ReportCategory; status: IncidentStatus; expires_at: number | null },
  unverifiedExpiryMs: number,
): IncidentAggregates {
  const estimate = estimateFrom(
    reports.map((report) => ({
      point: report.lat === null || report.lon === null ? null : { lat: report.lat, lon: report.lon },
      precision: report.location_precision,
    })),
  );
  const hashes = new Set(reports.map((report) => report.source_hash).filter((hash) => hash !== null));
  const withoutSource = reports.filter((report) => report.source_hash === null).length;
  const sourceCount = hashes.size + withoutSource;
  const latestReportAt = Math.max(...reports.map((report) => report.occurred_at));
  return {
    lat: estimate.lat,
    lon: estimate.lon,
    location_precision: estimate.precision,
    located_report_count: estimate.count,
    zip: reports.find((report) => report.zip !== null)?.zip ?? null,
    report_count: reports.length,
    source_count: sourceCount,
    first_report_at: Math.min(...reports.map((report) => report.occurred_at)),
    latest_report_at: latestReportAt,
    last_received_at: Math.max(...reports.map((report) => report.created_at)),
    priority: priorityOf(incident.category, sourceCount),
    expires_at: isUnverified(incident.status) ? latestReportAt + unverifiedExpiryMs : incident.expires_at,
  };
}
