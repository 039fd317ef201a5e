import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import type { DialectName } from '../../../platform/database/database.ts';
import type { Database } from '../../../platform/database/schema.ts';
import type { MemberVettingsTable } from './member.tables.ts';

/** Records a vetting; false when this coordinator had already vetted this member. */
export async function insertVettingOnce(trx: Kysely<Database>, row: MemberVettingsTable): Promise<boolean> {
  const result = await trx
    .insertInto('member_vettings')
    .values(row)
    .onConflict((conflict) => conflict.columns(['member_id', 'coordinator_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function countVettingsOf(trx: Kysely<Database>, memberId: string): Promise<number> {
  const row = await trx
    .selectFrom('member_vettings')
    .select((eb) => eb.fn.count<number>('coordinator_id').distinct().as('count'))
    .where('member_id', '=', memberId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function listVettingsOf(trx: Kysely<Database>, memberId: string) {
  return trx
    .selectFrom('member_vettings')
    .select(['coordinator_id as coordinatorId', 'created_at as createdAt'])
    .where('member_id', '=', memberId)
    .orderBy('created_at')
    .execute();
}

export async function countVettingsInNetwork(
  db: Kysely<Database>,
  networkId: string,
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('member_vettings')
    .select(['member_id as memberId', (eb) => eb.fn.count<number>('coordinator_id').distinct().as('count')])
    .where('network_id', '=', networkId)
    .groupBy('member_id')
    .execute();
  return new Map(rows.map((row) => [row.memberId, Number(row.count)]));
}

/**
 * Locks the member's row until commit, so two coordinators vetting at once each see the other's
 * vetting when counting (PostgreSQL; SQLite transactions already run one at a time).
 */
export async function lockMemberRow(
  trx: Transaction<Database>,
  dialect: DialectName,
  memberId: string,
): Promise<void> {
  if (dialect === 'postgres') {
    await sql`select id from members where id = ${memberId} for update`.execute(trx);
  }
}
