import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/database/schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/**
 * The reporter-contact columns of `reports` (issue 4 §7): the SMS hotline records a texter's
 * number after they consent, and reads it to text them back. The reports module writes the rest.
 */
export async function recordReporterPhone(
  trx: Executor,
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
export async function findReportContact(db: Executor, reportId: string) {
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
export async function listReachableReports(db: Executor, incidentId: string) {
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

/** The public facts of an incident and its network an outcome notice needs. */
export async function findIncidentNoticeFacts(db: Executor, incidentId: string) {
  return db
    .selectFrom('incidents')
    .innerJoin('networks', 'networks.id', 'incidents.network_id')
    .select([
      'incidents.id',
      'incidents.network_id',
      'incidents.public_id',
      'incidents.status',
      'incidents.outcome',
      'networks.slug',
      'networks.name',
    ])
    .where('incidents.id', '=', incidentId)
    .executeTakeFirst();
}

export async function findNetworkName(db: Executor, networkId: string): Promise<string | null> {
  const row = await db.selectFrom('networks').select('name').where('id', '=', networkId).executeTakeFirst();
  return row?.name ?? null;
}
