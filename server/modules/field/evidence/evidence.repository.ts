import { sql } from 'kysely';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DialectName } from '../../../platform/database/database.ts';
import type { Database } from '../../../platform/database/schema.ts';
import type { EvidenceCustodyEventsTable, EvidenceItemsTable } from './evidence.tables.ts';

export type EvidenceRow = Selectable<EvidenceItemsTable>;
export type CustodyRow = Selectable<EvidenceCustodyEventsTable>;

export async function insertEvidenceItem(trx: Kysely<Database>, row: EvidenceItemsTable): Promise<void> {
  await trx.insertInto('evidence_items').values(row).execute();
}

export async function findEvidenceItem(db: Kysely<Database>, id: string): Promise<EvidenceRow | undefined> {
  return db.selectFrom('evidence_items').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The upload a responder's phone already made under this key, if any. */
export async function findEvidenceByClientKey(
  db: Kysely<Database>,
  uploadedBy: string,
  clientKey: string,
): Promise<EvidenceRow | undefined> {
  return db
    .selectFrom('evidence_items')
    .selectAll()
    .where('uploaded_by', '=', uploadedBy)
    .where('client_key', '=', clientKey)
    .executeTakeFirst();
}

export async function listEvidenceOfIncident(
  db: Kysely<Database>,
  incidentId: string,
): Promise<EvidenceRow[]> {
  return db
    .selectFrom('evidence_items')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('received_at')
    .orderBy('id')
    .execute();
}

/**
 * Locks the items' rows until the transaction ends, so two custody entries for one item are
 * chained one after the other, never both onto the same head. SQLite has one writer already.
 */
export async function lockEvidenceItems(
  trx: Transaction<Database>,
  dialect: DialectName,
  ids: readonly string[],
) {
  if (dialect !== 'postgres' || ids.length === 0) return;
  await sql`select id from evidence_items where id in (${sql.join([...ids].sort())}) order by id for update`.execute(
    trx,
  );
}

export async function setCustodyHead(trx: Kysely<Database>, id: string, headHash: string): Promise<void> {
  await trx.updateTable('evidence_items').set({ custody_head_hash: headHash }).where('id', '=', id).execute();
}

export async function insertCustodyEvent(
  trx: Kysely<Database>,
  row: EvidenceCustodyEventsTable,
): Promise<void> {
  await trx.insertInto('evidence_custody_events').values(row).execute();
}

export async function listCustodyOfIncident(db: Kysely<Database>, incidentId: string): Promise<CustodyRow[]> {
  return db
    .selectFrom('evidence_custody_events')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
