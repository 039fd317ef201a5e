import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import type { FlaggedReportsTable } from './flagged-report.tables.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export async function insertFlaggedReport(trx: Executor, row: FlaggedReportsTable): Promise<void> {
  await trx.insertInto('flagged_reports').values(row).execute();
}

/** Newest first, not yet due for purging. */
export async function listFlaggedReportRows(
  db: Executor,
  input: { networkId: string; now: number; limit: number },
): Promise<FlaggedReportsTable[]> {
  return db
    .selectFrom('flagged_reports')
    .selectAll()
    .where('network_id', '=', input.networkId)
    .where('purge_at', '>', input.now)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(input.limit)
    .execute();
}

/** Deletes flagged reports past their purge time; returns how many. */
export async function deleteDueFlaggedReports(db: Executor, now: number): Promise<number> {
  const result = await db.deleteFrom('flagged_reports').where('purge_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
