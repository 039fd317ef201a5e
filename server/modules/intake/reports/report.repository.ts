import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import type { ReportsTable } from './report.tables.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export async function insertReport(trx: Executor, row: ReportsTable): Promise<void> {
  await trx.insertInto('reports').values(row).execute();
}

/** Whether these report ids exist (the crash test and operators' receipts check them). */
export async function findExistingReportIds(db: Executor, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('reports').select('id').where('id', 'in', ids).execute();
  return rows.map((row) => row.id);
}
