import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import type { IncidentNotesTable } from './incident.tables.ts';

export async function insertIncidentNote(trx: Kysely<Database>, row: IncidentNotesTable): Promise<void> {
  await trx.insertInto('incident_notes').values(row).execute();
}

export async function listIncidentNotes(
  db: Kysely<Database>,
  incidentId: string,
): Promise<IncidentNotesTable[]> {
  return db
    .selectFrom('incident_notes')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
