import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import { incidentsNotFalseAlarm } from '../incidents/index.ts';

/**
 * Whether this source (a phone blind index) sent a report to the network before `before` whose
 * incident was not found to be a false alarm. Reads the reports table joined with the incidents
 * module's fragment (no sensitive column), through the reports_source_idx index.
 */
export async function hasGenuineReportFrom(
  db: Kysely<Database>,
  input: { networkId: string; sourceHash: string; before: number },
): Promise<boolean> {
  const row = await db
    .selectFrom('reports')
    .innerJoin(incidentsNotFalseAlarm(db).as('i'), 'i.id', 'reports.incident_id')
    .select('reports.id')
    .where('reports.network_id', '=', input.networkId)
    .where('reports.source_hash', '=', input.sourceHash)
    .where('reports.created_at', '<=', input.before)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
