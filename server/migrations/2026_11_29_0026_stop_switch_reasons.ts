import type { Kysely } from 'kysely';

// Frozen: do not import application code here.
// Issue 17, item 1 (docs/adr/0031-stop-switch-reasons-and-area-switches.md):
// - the network's stop switch keeps why it was set (encrypted: a reason is free text);
// - a coordinator stops one area by hand: approvals and deliveries of alerts there are held, as
//   for the network's switch, with who set it, when and why.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('alert_stop_switches').addColumn('reason_enc', 'text').execute();
  await db.schema
    .createTable('alert_area_switches')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('network_id', 'text', (column) => column.notNull().references('networks.id'))
    .addColumn('area_id', 'text', (column) => column.notNull())
    .addColumn('is_stopped', 'integer', (column) => column.notNull())
    .addColumn('reason_enc', 'text')
    .addColumn('changed_by', 'text', (column) => column.notNull())
    .addColumn('changed_at', 'bigint', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('alert_area_switches_area')
    .on('alert_area_switches')
    .columns(['network_id', 'area_id'])
    .unique()
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('alert_area_switches_area').execute();
  await db.schema.dropTable('alert_area_switches').execute();
  await db.schema.alterTable('alert_stop_switches').dropColumn('reason_enc').execute();
}
