import { sql } from 'kysely';
import type { Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { DialectName } from '../../../platform/database/database.ts';
import type { Database } from '../../../platform/database/schema.ts';
import type { BoundingBox } from './clustering.ts';
import { openIncidentStatuses } from './incident.tables.ts';
import type { IncidentEventsTable, IncidentStatus, IncidentsTable } from './incident.tables.ts';

export type IncidentRow = Selectable<IncidentsTable>;

/**
 * Serializes intake, merge and split within one network. PostgreSQL runs transactions side by side,
 * so two reports of the same event could each see no incident and open two; a transaction-scoped
 * advisory lock makes the second wait for the first. SQLite already has a single writer.
 */
export async function lockNetworkIntake(
  trx: Transaction<Database>,
  dialect: DialectName,
  networkId: string,
): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`select pg_advisory_xact_lock(hashtextextended(${`intake:${networkId}`}, 0))`.execute(trx);
}

/** Open incidents of the network whose box and time span may take a report (exact test in clustering.ts). */
export async function findClusterCandidates(
  trx: Kysely<Database>,
  input: { networkId: string; box: BoundingBox; from: number; to: number },
): Promise<IncidentRow[]> {
  return trx
    .selectFrom('incidents')
    .selectAll()
    .where('network_id', '=', input.networkId)
    .where('status', 'in', openIncidentStatuses)
    .where('latest_report_at', '>=', input.from)
    .where('first_report_at', '<=', input.to)
    .where('lat', '>=', input.box.minLat)
    .where('lat', '<=', input.box.maxLat)
    .where('lon', '>=', input.box.minLon)
    .where('lon', '<=', input.box.maxLon)
    .limit(200)
    .execute();
}

export async function insertIncident(trx: Kysely<Database>, row: IncidentsTable): Promise<void> {
  await trx.insertInto('incidents').values(row).execute();
}

export async function updateIncident(
  trx: Kysely<Database>,
  id: string,
  patch: Updateable<IncidentsTable>,
): Promise<void> {
  await trx.updateTable('incidents').set(patch).where('id', '=', id).execute();
}

/**
 * Changes status only if it is still `from` (a compare-and-set): two dispatchers acting at once
 * cannot both move the same incident. Returns whether this call won.
 */
export async function updateIncidentIfStatus(
  trx: Kysely<Database>,
  id: string,
  from: IncidentStatus,
  patch: Updateable<IncidentsTable>,
): Promise<boolean> {
  const result = await trx
    .updateTable('incidents')
    .set(patch)
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function findIncidentById(db: Kysely<Database>, id: string): Promise<IncidentRow | undefined> {
  return db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findIncidentByPublicId(
  db: Kysely<Database>,
  networkId: string,
  publicId: string,
): Promise<IncidentRow | undefined> {
  return db
    .selectFrom('incidents')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('public_id', '=', publicId)
    .executeTakeFirst();
}

export async function insertIncidentEvent(trx: Kysely<Database>, row: IncidentEventsTable): Promise<void> {
  await trx.insertInto('incident_events').values(row).execute();
}

export async function listIncidentEvents(db: Kysely<Database>, incidentId: string) {
  return db
    .selectFrom('incident_events')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export interface QueuePosition {
  priority: number;
  firstReportAt: number;
  id: string;
}

/**
 * A page of the dispatcher queue: highest priority first, then the oldest waiting, then id. Keyset
 * pagination on that order; `boxes` (area bounding boxes) narrows before the exact area test.
 */
export async function listQueuePage(
  db: Kysely<Database>,
  input: {
    networkId: string;
    statuses: readonly IncidentStatus[];
    after: QueuePosition | null;
    limit: number;
    boxes: BoundingBox[] | null;
  },
): Promise<IncidentRow[]> {
  let query = db
    .selectFrom('incidents')
    .selectAll()
    .where('network_id', '=', input.networkId)
    .where('status', 'in', input.statuses);
  const boxes = input.boxes;
  if (boxes) {
    if (boxes.length === 0) return [];
    query = query.where((eb) =>
      eb.or(
        boxes.map((box) =>
          eb.and([
            eb('lat', '>=', box.minLat),
            eb('lat', '<=', box.maxLat),
            eb('lon', '>=', box.minLon),
            eb('lon', '<=', box.maxLon),
          ]),
        ),
      ),
    );
  }
  const after = input.after;
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('priority', '<', after.priority),
        eb.and([eb('priority', '=', after.priority), eb('first_report_at', '>', after.firstReportAt)]),
        eb.and([
          eb('priority', '=', after.priority),
          eb('first_report_at', '=', after.firstReportAt),
          eb('id', '>', after.id),
        ]),
      ]),
    );
  }
  return query
    .orderBy('priority', 'desc')
    .orderBy('first_report_at', 'asc')
    .orderBy('id', 'asc')
    .limit(input.limit)
    .execute();
}

/** Incidents per status in the whole network (for a dispatcher who sees every area). */
export async function countIncidentsByStatus(
  db: Kysely<Database>,
  networkId: string,
): Promise<{ status: IncidentStatus; count: number }[]> {
  const rows = await db
    .selectFrom('incidents')
    .select(['status', (eb) => eb.fn.countAll<number | string>().as('count')])
    .where('network_id', '=', networkId)
    .groupBy('status')
    .execute();
  return rows.map((row) => ({ status: row.status, count: Number(row.count) }));
}

/** Located incidents inside any of the boxes, with only what an area test and a count need. */
export async function listIncidentPointsInBoxes(
  db: Kysely<Database>,
  networkId: string,
  boxes: BoundingBox[],
) {
  if (boxes.length === 0) return [];
  return db
    .selectFrom('incidents')
    .select(['id', 'status', 'lat', 'lon'])
    .where('network_id', '=', networkId)
    .where((eb) =>
      eb.or(
        boxes.map((box) =>
          eb.and([
            eb('lat', '>=', box.minLat),
            eb('lat', '<=', box.maxLat),
            eb('lon', '>=', box.minLon),
            eb('lon', '<=', box.maxLon),
          ]),
        ),
      ),
    )
    .execute();
}

/** Unverified incidents past their expiry, oldest first. */
export async function findExpiredIncidents(
  db: Kysely<Database>,
  now: number,
  limit: number,
): Promise<IncidentRow[]> {
  return db
    .selectFrom('incidents')
    .selectAll()
    .where('expires_at', '<=', now)
    .where('status', 'in', ['new', 'verifying'])
    .orderBy('expires_at')
    .limit(limit)
    .execute();
}

/** Sets the claim only if it is still held by `holder` (null: unclaimed). Returns whether it won. */
export async function setClaimIfHeldBy(
  trx: Kysely<Database>,
  id: string,
  holder: string | null,
  patch: Pick<Updateable<IncidentsTable>, 'claimed_by' | 'claimed_at' | 'updated_at'>,
): Promise<boolean> {
  const result = await trx
    .updateTable('incidents')
    .set(patch)
    .where('id', '=', id)
    .where('status', '<>', 'closed')
    .where('claimed_by', holder === null ? 'is' : '=', holder)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
