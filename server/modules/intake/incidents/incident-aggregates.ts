import { estimateFrom } from './clustering.ts';
import { isUnverified, priorityOf } from './incident-lifecycle.ts';
import type { IncidentsTable, IncidentStatus, LocationPrecision, ReportCategory } from './incident.tables.ts';

export interface ReportFacts {
  category: ReportCategory;
  lat: number | null;
  lon: number | null;
  location_precision: LocationPrecision;
  location_radius_meters?: number | null;
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
> & { location_radius_meters: number | null };

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
    location_radius_meters: tightestRadius(reports, estimate.precision),
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

/** The tightest known radius among the reports of the estimate's kind of location. */
function tightestRadius(reports: readonly ReportFacts[], precision: LocationPrecision): number | null {
  const radii = reports
    .filter((report) => report.location_precision === precision && report.lat !== null)
    .map((report) => report.location_radius_meters)
    .filter((radius): radius is number => typeof radius === 'number');
  return radii.length > 0 ? Math.min(...radii) : null;
}
