import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/schema.ts';

/**
 * Incidents of the network a trained person gave an outcome to since `since`: confirmed,
 * unconfirmed or false alarm, open or closed — never merged ones, and never incidents that only
 * expired unchecked (a junk flood must not fill the public page). Public-class columns only.
 */
export async function listCheckedIncidents(
  db: Kysely<Database>,
  input: { networkId: string; since: number; limit: number },
) {
  return db
    .selectFrom('incidents')
    .select(['public_id', 'status', 'outcome', 'category', 'zip', 'first_report_at', 'status_changed_at'])
    .where('network_id', '=', input.networkId)
    .where('merged_into_id', 'is', null)
    .where('first_report_at', '>=', input.since)
    .where((eb) =>
      eb.or([
        eb('status', 'in', ['confirmed', 'unconfirmed', 'false_alarm']),
        eb.and([
          eb('status', '=', 'closed'),
          eb('closed_reason', '=', 'resolved'),
          eb('outcome', 'is not', null),
        ]),
      ]),
    )
    .orderBy('status_changed_at', 'desc')
    .orderBy('public_id')
    .limit(input.limit)
    .execute();
}

export type CheckedIncident = Awaited<ReturnType<typeof listCheckedIncidents>>[number];
