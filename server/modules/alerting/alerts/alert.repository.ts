import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import { incidentsWithheldFromPublic } from '../../intake/index.ts';
import type { AlertsTable, AlertStopSwitchesTable } from './alert.tables.ts';

export async function insertAlert(trx: Kysely<Database>, row: AlertsTable): Promise<void> {
  await trx.insertInto('alerts').values(row).execute();
}

export async function findAlertById(db: Kysely<Database>, id: string): Promise<AlertsTable | undefined> {
  return db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findAlertByPublicId(
  db: Kysely<Database>,
  publicId: string,
): Promise<AlertsTable | undefined> {
  return db.selectFrom('alerts').selectAll().where('public_id', '=', publicId).executeTakeFirst();
}

/** Applies `changes` only while the alert is still in `state` (compare-and-set). */
export async function updateAlertIfState(
  trx: Kysely<Database>,
  id: string,
  state: AlertsTable['state'],
  changes: Partial<AlertsTable>,
): Promise<boolean> {
  const result = await trx
    .updateTable('alerts')
    .set(changes)
    .where('id', '=', id)
    .where('state', '=', state)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Approves a draft only while it is a draft whose frozen content still has `contentHash`. */
export async function approveDraftIfContent(
  trx: Kysely<Database>,
  id: string,
  contentHash: string,
  changes: Partial<AlertsTable>,
): Promise<boolean> {
  const result = await trx
    .updateTable('alerts')
    .set(changes)
    .where('id', '=', id)
    .where('state', '=', 'draft')
    .where('content_hash', '=', contentHash)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function updateAlert(
  trx: Kysely<Database>,
  id: string,
  changes: Partial<AlertsTable>,
): Promise<void> {
  await trx.updateTable('alerts').set(changes).where('id', '=', id).execute();
}

/** Moves the planner's cursor only if nobody else moved it first (a duplicate planner run). */
export async function advancePlanCursor(
  trx: Kysely<Database>,
  id: string,
  from: string | null,
  changes: Pick<AlertsTable, 'plan_cursor' | 'plan_state' | 'updated_at'> & Partial<AlertsTable>,
): Promise<boolean> {
  const result = await trx
    .updateTable('alerts')
    .set(changes)
    .where('id', '=', id)
    .where((where) => (from === null ? where('plan_cursor', 'is', null) : where('plan_cursor', '=', from)))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function listAlertsOfThread(db: Kysely<Database>, threadId: string): Promise<AlertsTable[]> {
  return db
    .selectFrom('alerts')
    .selectAll()
    .where('thread_id', '=', threadId)
    .orderBy('created_at')
    .execute();
}

/** Marks every alert of a thread (e.g. cancelled_at), except `exceptId`. */
export async function updateThread(
  trx: Kysely<Database>,
  threadId: string,
  exceptId: string,
  changes: Partial<Pick<AlertsTable, 'cancelled_at' | 'superseded_at' | 'updated_at'>>,
): Promise<void> {
  await trx
    .updateTable('alerts')
    .set(changes)
    .where('thread_id', '=', threadId)
    .where('id', '!=', exceptId)
    .execute();
}

export async function listAlertsOfNetwork(
  db: Kysely<Database>,
  networkId: string,
  limit: number,
): Promise<AlertsTable[]> {
  return db
    .selectFrom('alerts')
    .selectAll()
    .where('network_id', '=', networkId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

/** Live (actual) original alerts approved since `since`: what the hourly cap counts. */
export async function listApprovedAlertsSince(
  db: Kysely<Database>,
  networkId: string,
  since: number,
): Promise<AlertsTable[]> {
  return db
    .selectFrom('alerts')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('state', '=', 'approved')
    .where('kind', '=', 'alert')
    .where('status', '=', 'actual')
    .where('approved_at', '>=', since)
    .execute();
}

/** Approved alerts for the public page and feeds, newest first. */
/**
 * Approved alerts of the network since `since`, newest first, for the public lists (live page,
 * JSON, Atom): never those of an incident a coordinator withheld from the public pages.
 */
export async function listPublishedAlerts(
  db: Kysely<Database>,
  input: { networkId: string; since: number; limit: number; isExerciseIncluded: boolean },
): Promise<AlertsTable[]> {
  let query = db
    .selectFrom('alerts')
    .selectAll()
    .where('network_id', '=', input.networkId)
    .where('state', '=', 'approved')
    .where('approved_at', '>=', input.since)
    .where('incident_id', 'not in', incidentsWithheldFromPublic(db));
  if (!input.isExerciseIncluded) query = query.where('status', '=', 'actual');
  return query.orderBy('approved_at', 'desc').limit(input.limit).execute();
}

export async function findStopSwitch(
  db: Kysely<Database>,
  networkId: string,
): Promise<AlertStopSwitchesTable | undefined> {
  return db
    .selectFrom('alert_stop_switches')
    .selectAll()
    .where('network_id', '=', networkId)
    .executeTakeFirst();
}

export async function upsertStopSwitch(trx: Kysely<Database>, row: AlertStopSwitchesTable): Promise<void> {
  await trx
    .insertInto('alert_stop_switches')
    .values(row)
    .onConflict((conflict) =>
      conflict.column('network_id').doUpdateSet({
        is_stopped: row.is_stopped,
        changed_by: row.changed_by,
        changed_at: row.changed_at,
        reason_enc: row.reason_enc,
      }),
    )
    .execute();
}
