import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/database/schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/*
 * Read-only lookups in tables other modules own (incidents, members). Their index.ts files do not
 * export these reads yet; keeping them in this one file makes the dependency easy to see and to
 * replace with their services later.
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
  db: Executor,
  incidentId: string,
): Promise<AlertableIncident | undefined> {
  return db
    .selectFrom('incidents')
    .select(['id', 'network_id', 'status', 'category', 'lat', 'lon', 'merged_into_id', 'first_report_at'])
    .where('id', '=', incidentId)
    .executeTakeFirst();
}

/** Active members who volunteered for drills: exercises reach them (by email) and no one else but flagged subscribers. */
export async function listExerciseRecipientMembers(
  db: Executor,
  networkId: string,
  after: string | null,
  limit: number,
): Promise<{ id: string; languages: string }[]> {
  let query = db
    .selectFrom('members')
    .select(['id', 'languages'])
    .where('network_id', '=', networkId)
    .where('status', '=', 'active')
    .where('is_exercise_recipient', '=', 1);
  if (after !== null) query = query.where('id', '>', after);
  return query.orderBy('id').limit(limit).execute();
}

export async function findMemberContact(
  db: Executor,
  memberId: string,
): Promise<
  { network_id: string; status: string; is_exercise_recipient: number; email_enc: string } | undefined
> {
  return db
    .selectFrom('members')
    .select(['network_id', 'status', 'is_exercise_recipient', 'email_enc'])
    .where('id', '=', memberId)
    .executeTakeFirst();
}

export async function countExerciseRecipientMembers(db: Executor, networkId: string): Promise<number> {
  const row = await db
    .selectFrom('members')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('network_id', '=', networkId)
    .where('status', '=', 'active')
    .where('is_exercise_recipient', '=', 1)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}
