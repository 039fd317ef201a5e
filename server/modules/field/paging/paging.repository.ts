import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DialectName } from '../../../platform/database/database.ts';
import type { Database } from '../../../platform/database/schema.ts';
import type { IncidentPagesTable } from './paging.tables.ts';

export type PageRow = IncidentPagesTable;

/** Inserts a page unless that person already has one for the incident's round; true when new. */
export async function insertPageOnce(db: Kysely<Database>, row: PageRow): Promise<boolean> {
  const result = await db
    .insertInto('incident_pages')
    .values(row)
    .onConflict((conflict) => conflict.columns(['incident_id', 'round', 'member_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return result !== undefined;
}

export async function findPage(db: Kysely<Database>, id: string): Promise<PageRow | undefined> {
  return db.selectFrom('incident_pages').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The member's unanswered page with this code (the latest one). */
export async function findUnansweredPageByCode(db: Kysely<Database>, memberId: string, code: string) {
  return db
    .selectFrom('incident_pages')
    .selectAll()
    .where('member_id', '=', memberId)
    .where('ack_code', '=', code)
    .where('acknowledged_at', 'is', null)
    .orderBy('sent_at', 'desc')
    .executeTakeFirst();
}

/** Whether the member was paged (not held) since `since` and has not answered that page. */
export async function hasUnansweredPageSince(
  db: Kysely<Database>,
  memberId: string,
  since: number,
): Promise<boolean> {
  const row = await db
    .selectFrom('incident_pages')
    .select('id')
    .where('member_id', '=', memberId)
    .where('sent_at', '>=', since)
    .where('acknowledged_at', 'is', null)
    .where('channels', '!=', 'held')
    .executeTakeFirst();
  return row !== undefined;
}

/** Marks every unanswered page of the incident to this member answered (one tap answers all rounds). */
export async function markAcknowledged(
  db: Kysely<Database>,
  input: { incidentId: string; memberId: string; at: number; via: string },
): Promise<number> {
  const result = await db
    .updateTable('incident_pages')
    .set({ acknowledged_at: input.at, acknowledged_via: input.via })
    .where('incident_id', '=', input.incidentId)
    .where('member_id', '=', input.memberId)
    .where('acknowledged_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function deletePagesSentBefore(db: Kysely<Database>, before: number): Promise<number> {
  const result = await db.deleteFrom('incident_pages').where('sent_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function setPageChannels(db: Kysely<Database>, id: string, channels: string): Promise<void> {
  await db.updateTable('incident_pages').set({ channels }).where('id', '=', id).execute();
}

/**
 * Serializes paging of one member until the transaction ends, so two planners (two incidents at
 * once, on two workers) cannot both see "no unanswered page in the last minute". SQLite runs one
 * write transaction at a time already. Callers lock members in id order (no deadlock).
 */
export async function lockMemberPaging(db: Kysely<Database>, dialect: DialectName, memberId: string) {
  if (dialect !== 'postgres') return;
  await sql`select pg_advisory_xact_lock(hashtextextended(${`paging:${memberId}`}, 0))`.execute(db);
}
