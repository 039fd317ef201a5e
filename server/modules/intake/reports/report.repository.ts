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
