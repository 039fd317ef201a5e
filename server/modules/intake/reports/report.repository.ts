import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import type { ReportsTable } from './report.tables.ts';

export async function insertReport(trx: Kysely<Database>, row: ReportsTable): Promise<void> {
  await trx.insertInto('reports').values(row).execute();
}

/** Whether these report ids exist (the crash test and operators' receipts check them). */
export async function findExistingReportIds(db: Kysely<Database>, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('reports').select('id').where('id', 'in', ids).execute();
  return rows.map((row) => row.id);
}

/** The one report a status link names (its network, incident and time), or undefined. */
export async function findReportForStatus(
  db: Kysely<Database>,
  networkId: string,
  reportId: string,
): Promise<Pick<ReportsTable, 'incident_id' | 'created_at'> | undefined> {
  return db
    .selectFrom('reports')
    .select(['incident_id', 'created_at'])
    .where('id', '=', reportId)
    .where('network_id', '=', networkId)
    .executeTakeFirst();
}
