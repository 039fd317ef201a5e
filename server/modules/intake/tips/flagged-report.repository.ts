import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import type { FlaggedReportsTable, TipStatusDecoysTable } from './flagged-report.tables.ts';

export async function insertFlaggedReport(trx: Kysely<Database>, row: FlaggedReportsTable): Promise<void> {
  await trx.insertInto('flagged_reports').values(row).execute();
}

/** Newest first, not yet due for purging. */
export async function listFlaggedReportRows(
  db: Kysely<Database>,
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

export async function findFlaggedReportRow(
  db: Kysely<Database>,
  input: { networkId: string; id: string; now: number },
): Promise<FlaggedReportsTable | undefined> {
  return db
    .selectFrom('flagged_reports')
    .selectAll()
    .where('network_id', '=', input.networkId)
    .where('id', '=', input.id)
    .where('purge_at', '>', input.now)
    .executeTakeFirst();
}

/** Deletes one flagged report of a network; returns whether it was there (a second caller finds it gone). */
export async function deleteFlaggedReport(
  trx: Kysely<Database>,
  input: { networkId: string; id: string },
): Promise<boolean> {
  const result = await trx
    .deleteFrom('flagged_reports')
    .where('network_id', '=', input.networkId)
    .where('id', '=', input.id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** Deletes flagged reports past their purge time; returns how many. */
export async function deleteDueFlaggedReports(db: Kysely<Database>, now: number): Promise<number> {
  const result = await db.deleteFrom('flagged_reports').where('purge_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Deletes weaponized tips' status stand-ins that expired before `expiredBefore`. */
export async function deleteExpiredTipStatusDecoys(
  db: Kysely<Database>,
  expiredBefore: number,
): Promise<number> {
  const result = await db
    .deleteFrom('tip_status_decoys')
    .where('expires_at', '<', expiredBefore)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function insertTipStatusDecoy(trx: Kysely<Database>, row: TipStatusDecoysTable): Promise<void> {
  await trx.insertInto('tip_status_decoys').values(row).execute();
}

export async function findTipStatusDecoy(
  db: Kysely<Database>,
  networkId: string,
  publicId: string,
): Promise<TipStatusDecoysTable | undefined> {
  return db
    .selectFrom('tip_status_decoys')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('public_id', '=', publicId)
    .executeTakeFirst();
}
