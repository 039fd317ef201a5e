import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';

/**
 * Whether this source (a phone blind index) sent a report to the network before `before` whose
 * incident was not found to be a false alarm. Reads the reports and incidents tables (no
 * sensitive column), through the reports_source_idx index.
 */
export async function hasGenuineReportFrom(
  db: Kysely<Database>,
  input: { networkId: string; sourceHash: string; before: number },
): Promise<boolean> {
  const row = await db
    .selectFrom('reports')
    .innerJoin('incidents', 'incidents.id', 'reports.incident_id')
    .select('reports.id')
    .where('reports.network_id', '=', input.networkId)
    .where('reports.source_hash', '=', input.sourceHash)
    .where('reports.created_at', '<=', input.before)
    .where((eb) => eb.or([eb('incidents.outcome', 'is', null), eb('incidents.outcome', '!=', 'false_alarm')]))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
