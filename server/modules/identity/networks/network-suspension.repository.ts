import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';

/** Whether the network is suspended (checked on every member request and sign-in). */
export async function isNetworkSuspended(db: Kysely<Database>, networkId: string): Promise<boolean> {
  const row = await db
    .selectFrom('networks')
    .select('suspended_at')
    .where('id', '=', networkId)
    .executeTakeFirst();
  return row?.suspended_at != null;
}

/** Suspends (a time) or resumes (null); false when the network was already in that state. */
export async function setNetworkSuspendedAt(
  trx: Kysely<Database>,
  networkId: string,
  suspendedAt: number | null,
): Promise<boolean> {
  const result = await trx
    .updateTable('networks')
    .set({ suspended_at: suspendedAt })
    .where('id', '=', networkId)
    .where('suspended_at', suspendedAt === null ? 'is not' : 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Every network, oldest first, for the operator's list (names and settings only, no members). */
export async function listNetworkRowsForOperator(db: Kysely<Database>) {
  return db
    .selectFrom('networks')
    .select(['id', 'name', 'slug', 'timezone', 'languages', 'created_at', 'suspended_at'])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
