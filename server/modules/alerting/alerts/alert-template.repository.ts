import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import type { AlertTemplatesTable } from './alert.tables.ts';
import type { AlertTemplateProposalsTable, ProposalState } from './alert-template.tables.ts';

/** The network's active templates (where none is active, the shipped text applies). */
export async function listTemplateOverrides(
  db: Kysely<Database>,
  networkId: string,
): Promise<AlertTemplatesTable[]> {
  return db.selectFrom('alert_templates').selectAll().where('network_id', '=', networkId).execute();
}

export async function upsertTemplate(trx: Kysely<Database>, row: AlertTemplatesTable): Promise<void> {
  await trx
    .insertInto('alert_templates')
    .values(row)
    .onConflict((conflict) =>
      conflict.columns(['network_id', 'template_key', 'language']).doUpdateSet({
        body: row.body,
        version_id: row.version_id,
        updated_by: row.updated_by,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

export async function deleteTemplate(
  trx: Kysely<Database>,
  networkId: string,
  key: string,
  language: string,
): Promise<void> {
  await trx
    .deleteFrom('alert_templates')
    .where('network_id', '=', networkId)
    .where('template_key', '=', key)
    .where('language', '=', language)
    .execute();
}

export async function insertProposal(trx: Kysely<Database>, row: AlertTemplateProposalsTable): Promise<void> {
  await trx.insertInto('alert_template_proposals').values(row).execute();
}

export async function findProposal(
  db: Kysely<Database>,
  id: string,
): Promise<AlertTemplateProposalsTable | undefined> {
  return db.selectFrom('alert_template_proposals').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listPendingProposals(
  db: Kysely<Database>,
  networkId: string,
  limit: number,
): Promise<AlertTemplateProposalsTable[]> {
  return db
    .selectFrom('alert_template_proposals')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('state', '=', 'pending')
    .orderBy('proposed_at', 'desc')
    .limit(limit)
    .execute();
}

/** Decides a proposal only while it is pending (compare-and-set: one decision wins). */
export async function decideProposal(
  trx: Kysely<Database>,
  id: string,
  changes: { state: Exclude<ProposalState, 'pending'>; decided_by: string; decided_at: number },
): Promise<boolean> {
  const result = await trx
    .updateTable('alert_template_proposals')
    .set(changes)
    .where('id', '=', id)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
