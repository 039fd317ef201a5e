import type { Kysely } from 'kysely';

// Frozen: do not import application code here.
// Issue 16, items 3 and 4 (docs/adr/0029-field-resilience.md):
// - an outcome or an evidence upload queued on a responder's phone carries a key the phone made,
//   so a retry after a dropped connection finds the first one instead of adding a second;
// - a responder is reminded once before their shared location expires.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('dispatch_offers').addColumn('outcome_client_key', 'text').execute();
  await db.schema.alterTable('evidence_items').addColumn('client_key', 'text').execute();
  await db.schema
    .createIndex('evidence_items_client_key')
    .on('evidence_items')
    .columns(['uploaded_by', 'client_key'])
    .unique()
    .execute();
  await db.schema.alterTable('responder_profiles').addColumn('location_reminded_at', 'bigint').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('responder_profiles').dropColumn('location_reminded_at').execute();
  await db.schema.dropIndex('evidence_items_client_key').execute();
  await db.schema.alterTable('evidence_items').dropColumn('client_key').execute();
  await db.schema.alterTable('dispatch_offers').dropColumn('outcome_client_key').execute();
}
