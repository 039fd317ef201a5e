import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import type { AlertsTable } from './alert.tables.ts';
import type { AlertAreaStopsTable, AlertAreaSwitchesTable } from './area-stop.tables.ts';

export async function insertAreaStops(trx: Kysely<Database>, rows: AlertAreaStopsTable[]): Promise<void> {
  if (rows.length > 0) await trx.insertInto('alert_area_stops').values(rows).execute();
}

/** Areas of a network stopped by a retraction that no second coordinator has reviewed yet. */
export async function listActiveAreaStops(
  db: Kysely<Database>,
  networkId: string,
): Promise<AlertAreaStopsTable[]> {
  return db
    .selectFrom('alert_area_stops')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('lifted_at', 'is', null)
    .orderBy('stopped_at')
    .execute();
}

export type AreaStopWithRetraction = AlertAreaStopsTable &
  Pick<AlertsTable, 'area_ids' | 'area_names' | 'references_alert_id'>;

/** The active stops with the retraction that made each (its areas' names, the alert it withdrew). */
export async function listActiveAreaStopsWithRetractions(
  db: Kysely<Database>,
  networkId: string,
): Promise<AreaStopWithRetraction[]> {
  return db
    .selectFrom('alert_area_stops')
    .innerJoin('alerts', 'alerts.id', 'alert_area_stops.retraction_id')
    .selectAll('alert_area_stops')
    .select(['alerts.area_ids', 'alerts.area_names', 'alerts.references_alert_id'])
    .where('alert_area_stops.network_id', '=', networkId)
    .where('alert_area_stops.lifted_at', 'is', null)
    .orderBy('alert_area_stops.stopped_at')
    .execute();
}

/** Lifts what one retraction stopped; the number of areas lifted (0: already reviewed). */
export async function liftAreaStopsOf(
  trx: Kysely<Database>,
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

/** Sets one area's hand-set stop switch (one row per area, overwritten by each change). */
export async function upsertAreaSwitch(trx: Kysely<Database>, row: AlertAreaSwitchesTable): Promise<void> {
  await trx
    .insertInto('alert_area_switches')
    .values(row)
    .onConflict((conflict) =>
      conflict.columns(['network_id', 'area_id']).doUpdateSet({
        is_stopped: row.is_stopped,
        reason_enc: row.reason_enc,
        changed_by: row.changed_by,
        changed_at: row.changed_at,
      }),
    )
    .execute();
}

export async function findAreaSwitch(
  db: Kysely<Database>,
  networkId: string,
  areaId: string,
): Promise<AlertAreaSwitchesTable | undefined> {
  return db
    .selectFrom('alert_area_switches')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('area_id', '=', areaId)
    .executeTakeFirst();
}

/** Every area switch of a network ever set by hand, on or off, most recently changed first. */
export async function listAreaSwitches(
  db: Kysely<Database>,
  networkId: string,
): Promise<AlertAreaSwitchesTable[]> {
  return db
    .selectFrom('alert_area_switches')
    .selectAll()
    .where('network_id', '=', networkId)
    .orderBy('changed_at', 'desc')
    .execute();
}

/** The ids of the areas a coordinator stopped by hand and nobody resumed yet. */
export async function listStoppedAreaIds(db: Kysely<Database>, networkId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('alert_area_switches')
    .select('area_id')
    .where('network_id', '=', networkId)
    .where('is_stopped', '=', 1)
    .execute();
  return rows.map((row) => row.area_id);
}
