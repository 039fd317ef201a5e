import type { Kysely } from 'kysely';

// Frozen: do not import application code here.
// Issue 16, items 3, 4 and 5 (docs/adr/0029-field-resilience.md):
// - an outcome or an evidence upload queued on a responder's phone carries a key the phone made,
//   so a retry after a dropped connection finds the first one instead of adding a second;
// - a responder is reminded once before their shared location expires;
// - invitations imported from a CSV wait in invitation_deliveries, address and link encrypted,
//   until sent (then deleted).

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
  await db.schema
    .createTable('invitation_deliveries')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('network_id', 'text', (column) => column.notNull())
    .addColumn('invitation_id', 'text', (column) => column.notNull())
    .addColumn('channel', 'text', (column) => column.notNull())
    .addColumn('language', 'text', (column) => column.notNull())
    .addColumn('address_enc', 'text', (column) => column.notNull())
    .addColumn('link_enc', 'text', (column) => column.notNull())
    .addColumn('created_by', 'text', (column) => column.notNull())
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('invitation_deliveries').execute();
  await db.schema.alterTable('responder_profiles').dropColumn('location_reminded_at').execute();
  await db.schema.dropIndex('evidence_items_client_key').execute();
  await db.schema.alterTable('evidence_items').dropColumn('client_key').execute();
  await db.schema.alterTable('dispatch_offers').dropColumn('outcome_client_key').execute();
}
