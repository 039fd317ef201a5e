import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';

/**
 * Reads and re-links the reports of an incident. Reports are written by the reports module's
 * intake; they belong to the incident aggregate, so the timeline, merge and split read them here.
 */
/** Whether this source already reported the incident (for the distinct-source count). */
export async function hasReportFromSource(
  trx: Kysely<Database>,
  incidentId: string,
  sourceHash: string,
): Promise<boolean> {
  const row = await trx
    .selectFrom('reports')
    .select('id')
    .where('incident_id', '=', incidentId)
    .where('source_hash', '=', sourceHash)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** What the aggregates of an incident are computed from (no sensitive columns). */
export async function listReportFacts(trx: Kysely<Database>, incidentId: string) {
  return trx
    .selectFrom('reports')
    .select([
      'id',
      'category',
      'lat',
      'lon',
      'location_precision',
      'location_radius_meters',
      'zip',
      'occurred_at',
      'created_at',
      'source_hash',
    ])
    .where('incident_id', '=', incidentId)
    .orderBy('occurred_at')
    .orderBy('id')
    .execute();
}

/** The timeline a dispatcher reads; flagged reports only for those who may see them. */
export async function listIncidentReports(
  db: Kysely<Database>,
  incidentId: string,
  options: { includeFlagged: boolean },
) {
  let query = db.selectFrom('reports').selectAll().where('incident_id', '=', incidentId);
  if (!options.includeFlagged) query = query.where('flagged_reason', 'is', null);
  return query.orderBy('occurred_at').orderBy('id').execute();
}

export async function moveReports(
  trx: Kysely<Database>,
  input: { fromIncidentId: string; toIncidentId: string; reportIds?: readonly string[] },
): Promise<number> {
  let query = trx
    .updateTable('reports')
    .set({ incident_id: input.toIncidentId })
    .where('incident_id', '=', input.fromIncidentId);
  if (input.reportIds) query = query.where('id', 'in', input.reportIds);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
