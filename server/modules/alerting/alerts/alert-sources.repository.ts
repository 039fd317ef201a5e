import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import { findIncidentById } from '../../intake/index.ts';
import {
  countExerciseRecipients,
  findExerciseRecipientContact,
  listExerciseRecipients,
} from '../../identity/index.ts';

/*
 * What alerts read from the incidents and members modules, through their index.ts exports (those
 * modules own the tables and the SQL). Kept in one file so the dependency stays easy to see.
 */

export interface AlertableIncident {
  id: string;
  network_id: string;
  status: string;
  category: string;
  lat: number | null;
  lon: number | null;
  merged_into_id: string | null;
  first_report_at: number;
}

export async function findIncidentForAlert(
  db: Kysely<Database>,
  incidentId: string,
): Promise<AlertableIncident | undefined> {
  const incident = await findIncidentById(db, incidentId);
  if (!incident) return undefined;
  const { id, network_id, status, category, lat, lon, merged_into_id, first_report_at } = incident;
  return { id, network_id, status, category, lat, lon, merged_into_id, first_report_at };
}

/** Active members who volunteered for drills: exercises reach them (by email) and no one else but flagged subscribers. */
export const listExerciseRecipientMembers = listExerciseRecipients;

export const findMemberContact = findExerciseRecipientContact;

export const countExerciseRecipientMembers = countExerciseRecipients;
