import type { Kysely } from 'kysely';

// Frozen: do not import application code here.
// Issue 15, item 2 (docs/adr/0034-public-pages-and-retention-gaps.md): alert deliveries are reduced
// to counts per alert, channel and status after 30 days; the per-recipient rows are deleted.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('alert_delivery_counts')
    .addColumn('alert_id', 'text', (column) => column.notNull())
    .addColumn('network_id', 'text', (column) => column.notNull())
    .addColumn('channel', 'text', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('count', 'integer', (column) => column.notNull())
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .addPrimaryKeyConstraint('alert_delivery_counts_pk', ['alert_id', 'channel', 'status'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('alert_delivery_counts').execute();
}
