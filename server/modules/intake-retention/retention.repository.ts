import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/schema.ts';

type Db = Kysely<Database>;

const updated = (result: { numUpdatedRows: bigint }) => Number(result.numUpdatedRows);

export async function listNetworkIds(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('networks').select('id').orderBy('id').execute();
  return rows.map((row) => row.id);
}

/**
 * Deletes the callback contact of a network's reports whose incident closed at or before
 * `closedBefore`, and of every report created at or before `createdBefore` whatever its incident.
 */
export async function purgeReporterContacts(
  db: Db,
  input: { networkId: string; closedBefore: number; createdBefore: number; now: number },
): Promise<number> {
  const result = await db
    .updateTable('reports')
    .set({ callback_contact_enc: null, contact_purged_at: input.now })
    .where('network_id', '=', input.networkId)
    .where('contact_purged_at', 'is', null)
    .where('callback_contact_enc', 'is not', null)
    .where((eb) =>
      eb.or([
        eb('created_at', '<=', input.createdBefore),
        eb(
          'incident_id',
          'in',
          eb
            .selectFrom('incidents')
            .select('id')
            .where('network_id', '=', input.networkId)
            .where('status', '=', 'closed')
            .where('closed_at', '<=', input.closedBefore),
        ),
      ]),
    )
    .executeTakeFirst();
  return updated(result);
}

/** Replies can no longer find a thread whose reporter's contact is gone. */
export async function forgetThreadPhones(db: Db, networkId: string): Promise<number> {
  const result = await db
    .updateTable('incident_messages')
    .set({ phone_hash: null })
    .where('network_id', '=', networkId)
    .where('phone_hash', 'is not', null)
    .where('report_id', 'in', (eb) =>
      eb
        .selectFrom('reports')
        .select('id')
        .where('network_id', '=', networkId)
        .where('contact_purged_at', 'is not', null),
    )
    .executeTakeFirst();
  return updated(result);
}

/** Deletes the free text, typed address and exact pin of reports created at or before `createdBefore`. */
export async function purgeReportText(
  db: Db,
  input: { networkId: string; createdBefore: number; now: number },
): Promise<number> {
  const result = await db
    .updateTable('reports')
    .set({
      description_enc: null,
      location_text_enc: null,
      location_point_enc: null,
      text_purged_at: input.now,
    })
    .where('network_id', '=', input.networkId)
    .where('text_purged_at', 'is', null)
    .where('created_at', '<=', input.createdBefore)
    .executeTakeFirst();
  return updated(result);
}

/** Deletes the text of thread messages written at or before `createdBefore`. */
export async function purgeMessageText(
  db: Db,
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

/**
 * Empties SQLite's write-ahead log, so the old versions of purged rows (secure_delete already
 * zeroes them in the database file) do not linger in WAL frames. False when a reader kept it busy.
 */
export async function checkpointSqlite(db: Db): Promise<boolean> {
  const result = await sql<{ busy: number }>`pragma wal_checkpoint(TRUNCATE)`.execute(db);
  return (result.rows[0]?.busy ?? 1) === 0;
}
