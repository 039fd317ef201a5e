import type { Kysely, Updateable } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import { incidentPublicFacts, incidentsNotClosed } from '../../intake/index.ts';
import { networkNames } from '../../identity/index.ts';
import { reportsWithContactPurged } from '../../intake/index.ts';
import type { IncidentMessagesTable } from './hotline.tables.ts';

export async function insertIncidentMessage(
  trx: Kysely<Database>,
  row: IncidentMessagesTable,
): Promise<void> {
  await trx.insertInto('incident_messages').values(row).execute();
}

export async function findIncidentMessage(
  db: Kysely<Database>,
  id: string,
): Promise<IncidentMessagesTable | undefined> {
  return db.selectFrom('incident_messages').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateIncidentMessage(
  trx: Kysely<Database>,
  id: string,
  patch: Updateable<IncidentMessagesTable>,
): Promise<void> {
  await trx.updateTable('incident_messages').set(patch).where('id', '=', id).execute();
}

export async function listIncidentMessages(
  db: Kysely<Database>,
  incidentId: string,
): Promise<IncidentMessagesTable[]> {
  return db
    .selectFrom('incident_messages')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('created_at')
    .orderBy('id')
    .limit(500)
    .execute();
}

/**
 * The open thread a reply from this number belongs to: the latest message a dispatcher sent it
 * since `since`, on an incident that is not closed.
 */
export async function findOpenThread(
  db: Kysely<Database>,
  input: { networkId: string; phoneHash: string; since: number },
): Promise<Pick<IncidentMessagesTable, 'incident_id' | 'report_id'> | undefined> {
  return db
    .selectFrom('incident_messages')
    .innerJoin(incidentsNotClosed(db).as('i'), 'i.id', 'incident_messages.incident_id')
    .select(['incident_messages.incident_id', 'incident_messages.report_id'])
    .where('incident_messages.network_id', '=', input.networkId)
    .where('incident_messages.phone_hash', '=', input.phoneHash)
    .where('incident_messages.direction', '=', 'outbound')
    .where('incident_messages.kind', '=', 'message')
    .where('incident_messages.created_at', '>=', input.since)
    .orderBy('incident_messages.created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The public facts of an incident and its network an outcome notice needs (one statement). */
export async function findIncidentNoticeFacts(db: Kysely<Database>, incidentId: string) {
  return db
    .selectFrom(incidentPublicFacts(db).as('i'))
    .innerJoin(networkNames(db).as('n'), 'n.id', 'i.network_id')
    .select(['i.id', 'i.network_id', 'i.public_id', 'i.status', 'i.outcome', 'n.slug', 'n.name'])
    .where('i.id', '=', incidentId)
    .executeTakeFirst();
}

const updated = (result: { numUpdatedRows: bigint }) => Number(result.numUpdatedRows);

/** Replies can no longer find a thread whose reporter's contact is gone (intake retention). */
export async function forgetThreadPhones(db: Kysely<Database>, networkId: string): Promise<number> {
  const result = await db
    .updateTable('incident_messages')
    .set({ phone_hash: null })
    .where('network_id', '=', networkId)
    .where('phone_hash', 'is not', null)
    .where('report_id', 'in', reportsWithContactPurged(db, networkId))
    .executeTakeFirst();
  return updated(result);
}

/** Deletes the text of thread messages written at or before `createdBefore` (intake retention). */
export async function purgeMessageText(
  db: Kysely<Database>,
  input: { networkId: string; createdBefore: number },
): Promise<number> {
  const result = await db
    .updateTable('incident_messages')
    .set({ body_enc: null })
    .where('network_id', '=', input.networkId)
    .where('body_enc', 'is not', null)
    .where('created_at', '<=', input.createdBefore)
    .executeTakeFirst();
  return updated(result);
}
