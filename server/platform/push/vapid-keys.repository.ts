import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.ts';
import type { VapidKeysTable } from './push.tables.ts';

export async function selectVapidKeys(db: Kysely<Database>, id: string): Promise<VapidKeysTable | undefined> {
  return db.selectFrom('vapid_keys').selectAll().where('id', '=', id).executeTakeFirst();
}

/** First writer wins: every node that races here ends up reading the same pair. */
export async function insertVapidKeysIfAbsent(db: Kysely<Database>, row: VapidKeysTable): Promise<void> {
  await db
    .insertInto('vapid_keys')
    .values(row)
    .onConflict((conflict) => conflict.column('id').doNothing())
    .execute();
}
