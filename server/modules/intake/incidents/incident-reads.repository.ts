import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';

/*
 * Narrow reads of the incidents table for other modules (exported through index.ts), so no other
 * module names `incidents` in its own SQL (docs/adr/0013). The fragments are query builders the
 * caller joins or filters on as a subquery, so its own query stays one SQL statement.
 */

/** Incidents not found to be a false alarm (column `id`): flood mode's known-reporter check joins it. */
export function incidentsNotFalseAlarm(db: Kysely<Database>) {
  return db
    .selectFrom('incidents')
    .select('incidents.id')
    .where((eb) =>
      eb.or([eb('incidents.outcome', 'is', null), eb('incidents.outcome', '!=', 'false_alarm')]),
    );
}

/** Incidents that are not closed (column `id`): a reporter's SMS thread stays open with them. */
export function incidentsNotClosed(db: Kysely<Database>) {
  return db.selectFrom('incidents').select('incidents.id').where('incidents.status', '!=', 'closed');
}

/** Ids of the network's incidents closed at or before `closedBefore`, as a subquery (retention). */
export function incidentsClosedBefore(db: Kysely<Database>, networkId: string, closedBefore: number) {
  return db
    .selectFrom('incidents')
    .select('incidents.id')
    .where('incidents.network_id', '=', networkId)
    .where('incidents.status', '=', 'closed')
    .where('incidents.closed_at', '<=', closedBefore);
}

/** Public facts of incidents (columns `id`, `network_id`, `public_id`, `status`, `outcome`) to join. */
export function incidentPublicFacts(db: Kysely<Database>) {
  return db
    .selectFrom('incidents')
    .select([
      'incidents.id',
      'incidents.network_id',
      'incidents.public_id',
      'incidents.status',
      'incidents.outcome',
    ]);
}

/**
 * Incidents of the network a trained person gave an outcome to since `since`: confirmed,
 * unconfirmed or false alarm, open or closed — never merged ones, and never incidents that only
 * expired unchecked (a junk flood must not fill the public page). Never those a coordinator
 * withheld from the public pages, nor confirmed ones first reported after `confirmedBefore` (the
 * network's publication delay). Public-class columns only, plus the coarse point a `home`
 * incident's area is found from (incident-public-view.ts; never shown).
 */
export async function listCheckedIncidents(
  db: Kysely<Database>,
  input: { networkId: string; since: number; limit: number; confirmedBefore: number },
) {
  return db
    .selectFrom('incidents')
    .select([
      'public_id',
      'status',
      'outcome',
      'category',
      'zip',
      'lat',
      'lon',
      'first_report_at',
      'status_changed_at',
    ])
    .where('network_id', '=', input.networkId)
    .where('merged_into_id', 'is', null)
    .where('public_withheld_at', 'is', null)
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
    .where((eb) =>
      eb.or([
        eb('first_report_at', '<=', input.confirmedBefore),
        eb.and([
          eb('status', '!=', 'confirmed'),
          eb.or([eb('outcome', 'is', null), eb('outcome', '!=', 'confirmed')]),
        ]),
      ]),
    )
    .orderBy('status_changed_at', 'desc')
    .orderBy('public_id')
    .limit(input.limit)
    .execute();
}

export type CheckedIncident = Awaited<ReturnType<typeof listCheckedIncidents>>[number];

/** Incidents a coordinator withheld from the public pages (column `id`): their alerts leave the public lists. */
export function incidentsWithheldFromPublic(db: Kysely<Database>) {
  return db
    .selectFrom('incidents')
    .select('incidents.id')
    .where('incidents.public_withheld_at', 'is not', null);
}
