import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.ts';
import type { SharedCountersTable } from './shared-counter.tables.ts';

/**
 * Adds `amount` to the counter of `key` in the window starting at `windowStart` and returns the new
 * count, in one statement: concurrent processes serialize on the row, so no increment is lost.
 */
export async function incrementSharedCounter(
  db: Kysely<Database>,
  input: { key: string; windowStart: number; expiresAt: number; amount: number },
): Promise<number> {
  const values: SharedCountersTable = {
    key: input.key,
    window_start: input.windowStart,
    count: input.amount,
    expires_at: input.expiresAt,
  };
  const row = await db
    .insertInto('shared_counters')
    .values(values)
    .onConflict((conflict) =>
      conflict
        .columns(['key', 'window_start'])
        .doUpdateSet({ count: sql<number>`shared_counters.count + ${input.amount}` }),
    )
    .returning('count')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function deleteExpiredSharedCounters(db: Kysely<Database>, now: number): Promise<number> {
  const result = await db.deleteFrom('shared_counters').where('expires_at', '<', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
