import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import type { DeliveryStatus } from './alert.tables.ts';

/** Deliveries in these states are over: nothing will send or check them again. */
const finishedStatuses: readonly DeliveryStatus[] = ['sent', 'failed', 'suppressed'];

/**
 * Reduces finished deliveries created before `createdBefore` to counts per alert, channel and
 * status (added to what earlier runs counted), and deletes the per-recipient rows, in one
 * transaction: a crash never counts a delivery twice or loses one. Returns the rows deleted.
 */
export async function reduceOldDeliveriesToCounts(
  db: Kysely<Database>,
  input: { createdBefore: number; now: number },
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const groups = await trx
      .selectFrom('alert_deliveries')
      .select(['alert_id', 'network_id', 'channel', 'status', (eb) => eb.fn.countAll<number>().as('count')])
      .where('created_at', '<', input.createdBefore)
      .where('status', 'in', finishedStatuses)
      .groupBy(['alert_id', 'network_id', 'channel', 'status'])
      .execute();
    if (groups.length === 0) return 0;
    for (const group of groups) {
      await trx
        .insertInto('alert_delivery_counts')
        .values({ ...group, count: Number(group.count), updated_at: input.now })
        .onConflict((conflict) =>
          conflict.columns(['alert_id', 'channel', 'status']).doUpdateSet((eb) => ({
            count: eb('alert_delivery_counts.count', '+', eb.ref('excluded.count')),
            updated_at: input.now,
          })),
        )
        .execute();
    }
    const deleted = await trx
      .deleteFrom('alert_deliveries')
      .where('created_at', '<', input.createdBefore)
      .where('status', 'in', finishedStatuses)
      .executeTakeFirst();
    return Number(deleted.numDeletedRows);
  });
}
