import type { Kysely, Transaction, Updateable } from 'kysely';
import type { Database } from '../../platform/database/schema.ts';
import type { IncidentMessagesTable } from './hotline.tables.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export async function insertIncidentMessage(trx: Executor, row: IncidentMessagesTable): Promise<void> {
  await trx.insertInto('incident_messages').values(row).execute();
}

export async function findIncidentMessage(
  db: Executor,
  id: string,
): Promise<IncidentMessagesTable | undefined> {
  return db.selectFrom('incident_messages').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateIncidentMessage(
  trx: Executor,
  id: string,
  patch: Updateable<IncidentMessagesTable>,
): Promise<void> {
  await trx.updateTable('incident_messages').set(patch).where('id', '=', id).execute();
}

export async function listIncidentMessages(
  db: Executor,
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
  db: Executor,
  input: { networkId: string; phoneHash: string; since: number },
): Promise<Pick<IncidentMessagesTable, 'incident_id' | 'report_id'> | undefined> {
  return db
    .selectFrom('incident_messages')
    .innerJoin('incidents', 'incidents.id', 'incident_messages.incident_id')
    .select(['incident_messages.incident_id', 'incident_messages.report_id'])
    .where('incident_messages.network_id', '=', input.networkId)
    .where('incident_messages.phone_hash', '=', input.phoneHash)
    .where('incident_messages.direction', '=', 'outbound')
    .where('incident_messages.kind', '=', 'message')
    .where('incident_messages.created_at', '>=', input.since)
    .where('incidents.status', '!=', 'closed')
    .orderBy('incident_messages.created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}
