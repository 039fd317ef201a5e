import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import type { IncidentNotesTable } from './incident.tables.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export async function insertIncidentNote(trx: Executor, row: IncidentNotesTable): Promise<void> {
  await trx.insertInto('incident_notes').values(row).execute();
}

export async function listIncidentNotes(db: Executor, incidentId: string): Promise<IncidentNotesTable[]> {
  return db
    .selectFrom('incident_notes')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
