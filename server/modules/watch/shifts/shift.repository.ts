import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DialectName } from '../../../platform/database/database.ts';
import type { Database } from '../../../platform/database/schema.ts';
import type { WatchShiftsTable, WatchSignupsTable } from './shift.tables.ts';

export async function insertShift(db: Kysely<Database>, row: WatchShiftsTable): Promise<void> {
  await db.insertInto('watch_shifts').values(row).execute();
}

export async function findShift(db: Kysely<Database>, id: string): Promise<WatchShiftsTable | undefined> {
  return db.selectFrom('watch_shifts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function setSkippedDates(db: Kysely<Database>, id: string, skippedDates: string): Promise<void> {
  await db.updateTable('watch_shifts').set({ skipped_dates: skippedDates }).where('id', '=', id).execute();
}

/** The shifts of these sites (of one network). */
export async function listShiftsOfSites(
  db: Kysely<Database>,
  networkId: string,
  siteIds: readonly string[],
): Promise<WatchShiftsTable[]> {
  if (siteIds.length === 0) return [];
  return db
    .selectFrom('watch_shifts')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('site_id', 'in', [...siteIds])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/**
 * Serializes sign-ups to one shift on PostgreSQL (SQLite runs one writer at a time), so two
 * volunteers taking the last confirmed place cannot both get it.
 */
export async function lockShift(db: Kysely<Database>, dialect: DialectName, id: string): Promise<void> {
  if (dialect === 'postgres') await sql`select id from watch_shifts where id = ${id} for update`.execute(db);
}

export async function insertSignup(db: Kysely<Database>, row: WatchSignupsTable): Promise<void> {
  await db.insertInto('watch_signups').values(row).execute();
}

export async function findSignup(db: Kysely<Database>, id: string): Promise<WatchSignupsTable | undefined> {
  return db.selectFrom('watch_signups').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteSignup(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('watch_signups').where('id', '=', id).execute();
}

export async function confirmSignup(db: Kysely<Database>, id: string): Promise<void> {
  await db.updateTable('watch_signups').set({ status: 'confirmed' }).where('id', '=', id).execute();
}

/** Sign-ups of one occurrence, first come first. */
export async function listSignupsOfOccurrence(
  db: Kysely<Database>,
  shiftId: string,
  startsAt: number,
): Promise<WatchSignupsTable[]> {
  return db
    .selectFrom('watch_signups')
    .selectAll()
    .where('shift_id', '=', shiftId)
    .where('starts_at', '=', startsAt)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Sign-ups of the network's occurrences starting in [from, to). */
export async function listSignupsBetween(
  db: Kysely<Database>,
  input: { networkId: string; from: number; to: number },
): Promise<WatchSignupsTable[]> {
  return db
    .selectFrom('watch_signups')
    .selectAll()
    .where('network_id', '=', input.networkId)
    .where('starts_at', '>=', input.from)
    .where('starts_at', '<', input.to)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Deletes sign-ups of occurrences that ended before `before` (retention). */
export async function deleteSignupsEndedBefore(db: Kysely<Database>, before: number): Promise<number> {
  const result = await db.deleteFrom('watch_signups').where('ends_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** A member's sign-ups of occurrences starting in [from, to). */
export async function listSignupsOfMember(
  db: Kysely<Database>,
  input: { memberId: string; from: number; to: number },
): Promise<WatchSignupsTable[]> {
  return db
    .selectFrom('watch_signups')
    .selectAll()
    .where('member_id', '=', input.memberId)
    .where('starts_at', '>=', input.from)
    .where('starts_at', '<', input.to)
    .orderBy('starts_at')
    .execute();
}

export async function findShiftsByIds(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<WatchShiftsTable[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('watch_shifts')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute();
}

/** Records arrival or departure once; false when it was already recorded. */
export async function recordAttendance(
  db: Kysely<Database>,
  id: string,
  column: 'checked_in_at' | 'checked_out_at',
  at: number,
): Promise<boolean> {
  const result = await db
    .updateTable('watch_signups')
    .set({ [column]: at })
    .where('id', '=', id)
    .where(column, 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
