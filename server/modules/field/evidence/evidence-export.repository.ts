import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import type { EvidenceExportsTable } from './evidence.tables.ts';

export type EvidenceExportRow = Selectable<EvidenceExportsTable>;

export async function insertEvidenceExport(trx: Kysely<Database>, row: EvidenceExportsTable): Promise<void> {
  await trx.insertInto('evidence_exports').values(row).execute();
}

export async function findEvidenceExport(
  db: Kysely<Database>,
  id: string,
): Promise<EvidenceExportRow | undefined> {
  return db.selectFrom('evidence_exports').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The incident's export requests, newest first (bounded: a person makes a handful). */
export async function listEvidenceExportsOfIncident(
  db: Kysely<Database>,
  incidentId: string,
): Promise<EvidenceExportRow[]> {
  return db
    .selectFrom('evidence_exports')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('requested_at', 'desc')
    .orderBy('id', 'desc')
    .limit(100)
    .execute();
}

/**
 * pending → approved, only if still pending and unexpired and the approver is not the requester:
 * a compare-and-set, so two approvers racing produce one approval. Returns whether it changed.
 */
export async function markExportApproved(
  trx: Kysely<Database>,
  input: { id: string; approvedBy: string; now: number; downloadUntil: number },
): Promise<boolean> {
  const result = await trx
    .updateTable('evidence_exports')
    .set({
      status: 'approved',
      approved_by: input.approvedBy,
      approved_at: input.now,
      expires_at: input.downloadUntil,
      updated_at: input.now,
    })
    .where('id', '=', input.id)
    .where('status', '=', 'pending')
    .where('expires_at', '>', input.now)
    .where('requested_by', '<>', input.approvedBy)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** approved → downloaded, once, inside the download window. Returns whether it changed. */
export async function markExportDownloaded(
  trx: Kysely<Database>,
  input: { id: string; requestedBy: string; now: number },
): Promise<boolean> {
  const result = await trx
    .updateTable('evidence_exports')
    .set({ status: 'downloaded', downloaded_at: input.now, updated_at: input.now })
    .where('id', '=', input.id)
    .where('status', '=', 'approved')
    .where('requested_by', '=', input.requestedBy)
    .where('expires_at', '>', input.now)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Retention: export requests made before `requestedBefore` (long past their window) go entirely. */
export async function deleteEvidenceExportsRequestedBefore(
  db: Kysely<Database>,
  requestedBefore: number,
): Promise<number> {
  const result = await db
    .deleteFrom('evidence_exports')
    .where('requested_at', '<', requestedBefore)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
