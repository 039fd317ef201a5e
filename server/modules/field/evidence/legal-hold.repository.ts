import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import type { EvidenceLegalHoldsTable } from './evidence.tables.ts';

export async function findLegalHold(
  db: Kysely<Database>,
  incidentId: string,
): Promise<EvidenceLegalHoldsTable | undefined> {
  return db
    .selectFrom('evidence_legal_holds')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .executeTakeFirst();
}

/** Places the hold, or renews its review (a new reason, reviewer and due date; who placed it stays). */
export async function upsertLegalHold(trx: Kysely<Database>, row: EvidenceLegalHoldsTable): Promise<void> {
  await trx
    .insertInto('evidence_legal_holds')
    .values(row)
    .onConflict((conflict) =>
      conflict.column('incident_id').doUpdateSet({
        reason_enc: row.reason_enc,
        reviewed_by: row.reviewed_by,
        reviewed_at: row.reviewed_at,
        review_due_at: row.review_due_at,
      }),
    )
    .execute();
}

export async function deleteLegalHold(trx: Kysely<Database>, incidentId: string): Promise<number> {
  const result = await trx
    .deleteFrom('evidence_legal_holds')
    .where('incident_id', '=', incidentId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
