import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import { incidentsClosedBefore } from '../incidents/index.ts';

const updated = (result: { numUpdatedRows: bigint }) => Number(result.numUpdatedRows);

/**
 * The reporter-contact columns of `reports` (issue 4 §7), for other modules through index.ts:
 * the SMS hotline records a texter's number after they consent and reads it to text them back;
 * intake retention purges contacts and text.
 */
export async function recordReporterPhone(
  trx: Kysely<Database>,
  input: { reportId: string; networkId: string; contactEnvelope: string },
): Promise<boolean> {
  const result = await trx
    .updateTable('reports')
    .set({ callback_contact_enc: input.contactEnvelope, contact_consent: 1 })
    .where('id', '=', input.reportId)
    .where('network_id', '=', input.networkId)
    .where('contact_purged_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** What texting a reporter needs: their contact (encrypted), consent, language and incident. */
export async function findReportContact(db: Kysely<Database>, reportId: string) {
  return db
    .selectFrom('reports')
    .select([
      'id',
      'network_id',
      'incident_id',
      'language',
      'callback_contact_enc',
      'contact_consent',
      'contact_purged_at',
    ])
    .where('id', '=', reportId)
    .executeTakeFirst();
}

/** Reports of an incident whose reporters agreed to be contacted and whose contact is still held. */
export async function listReachableReports(db: Kysely<Database>, incidentId: string) {
  return db
    .selectFrom('reports')
    .select(['id', 'network_id', 'incident_id', 'language', 'callback_contact_enc'])
    .where('incident_id', '=', incidentId)
    .where('contact_consent', '=', 1)
    .where('callback_contact_enc', 'is not', null)
    .where('contact_purged_at', 'is', null)
    .orderBy('created_at')
    .execute();
}

/**
 * Deletes the callback contact of a network's reports whose incident closed at or before
 * `closedBefore`, and of every report created at or before `createdBefore` whatever its incident.
 */
export async function purgeReporterContacts(
  db: Kysely<Database>,
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
        eb('incident_id', 'in', incidentsClosedBefore(db, input.networkId, input.closedBefore)),
      ]),
    )
    .executeTakeFirst();
  return updated(result);
}

/** Ids of the network's reports whose contact was purged, as a subquery (column `id`). */
export function reportsWithContactPurged(db: Kysely<Database>, networkId: string) {
  return db
    .selectFrom('reports')
    .select('reports.id')
    .where('reports.network_id', '=', networkId)
    .where('reports.contact_purged_at', 'is not', null);
}

/** Deletes the free text, typed address and exact pin of reports created at or before `createdBefore`. */
export async function purgeReportText(
  db: Kysely<Database>,
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
