import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';

/**
 * Reports a network stored (accepted) per minute since `since`: counts only, from the reports'
 * own times, so every process and a restart agree. `windowMs` is a whole number of milliseconds.
 */
export async function countAcceptedReportsPerMinute(
  db: Kysely<Database>,
  input: { networkId: string; since: number; windowMs: number },
): Promise<{ startsAt: number; count: number }[]> {
  const window = sql.lit(input.windowMs);
  const minute = sql<number | string>`created_at - (created_at % ${window})`;
  const rows = await db
    .selectFrom('reports')
    .select([minute.as('starts_at'), (eb) => eb.fn.countAll<number | string>().as('count')])
    .where('network_id', '=', input.networkId)
    .where('created_at', '>=', input.since)
    .groupBy(minute)
    .execute();
  return rows.map((row) => ({ startsAt: Number(row.starts_at), count: Number(row.count) }));
}
