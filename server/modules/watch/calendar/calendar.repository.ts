import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import type { WatchCalendarFeedsTable } from './calendar.tables.ts';

/** Replaces the member's feed (a new token voids the old one). */
export async function replaceFeed(db: Kysely<Database>, row: WatchCalendarFeedsTable): Promise<void> {
  await db.deleteFrom('watch_calendar_feeds').where('member_id', '=', row.member_id).execute();
  await db.insertInto('watch_calendar_feeds').values(row).execute();
}

export async function deleteFeed(db: Kysely<Database>, memberId: string): Promise<number> {
  const result = await db
    .deleteFrom('watch_calendar_feeds')
    .where('member_id', '=', memberId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function findFeedOfMember(db: Kysely<Database>, memberId: string) {
  return db
    .selectFrom('watch_calendar_feeds')
    .selectAll()
    .where('member_id', '=', memberId)
    .executeTakeFirst();
}

export async function findFeedByHash(db: Kysely<Database>, tokenHash: string) {
  return db
    .selectFrom('watch_calendar_feeds')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}
