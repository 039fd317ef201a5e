import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import type { AlertAreaStopsTable } from './area-stop.tables.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export async function insertAreaStops(trx: Executor, rows: AlertAreaStopsTable[]): Promise<void> {
  if (rows.length > 0) await trx.insertInto('alert_area_stops').values(rows).execute();
}

/** Areas of a network stopped by a retraction that no second coordinator has reviewed yet. */
export async function listActiveAreaStops(db: Executor, networkId: string): Promise<AlertAreaStopsTable[]> {
  return db
    .selectFrom('alert_area_stops')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('lifted_at', 'is', null)
    .orderBy('stopped_at')
    .execute();
}

/** Lifts what one retraction stopped; the number of areas lifted (0: already reviewed). */
export async function liftAreaStopsOf(
  trx: Executor,
  retractionId: string,
  liftedBy: string,
  liftedAt: number,
): Promise<number> {
  const result = await trx
    .updateTable('alert_area_stops')
    .set({ lifted_by: liftedBy, lifted_at: liftedAt })
    .where('retraction_id', '=', retractionId)
    .where('lifted_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
