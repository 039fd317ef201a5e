import type { Kysely } from 'kysely';

// Frozen: do not import application code here.
// Every public word is seen by two people (docs/adr/0018-frozen-alert-content.md):
// - an alert's exact texts (SMS, push, email, page, CAP) are rendered and frozen when it is drafted
//   or re-rendered, with a SHA-256 over them that the approver's approval must carry;
// - alert templates change only through a proposal a second coordinator approves;
// - a one-person retraction stops its areas until a second coordinator reviews it.

export async function up(db: Kysely<unknown>): Promise<void> {
  // Canonical JSON of the frozen content, its hash, when and by whom it was rendered, and which
  // template version each language used. Null on rows made before: they were frozen at approval
  // in `messages`, which stays their record.
  await db.schema.alterTable('alerts').addColumn('content', 'text').execute();
  await db.schema.alterTable('alerts').addColumn('content_hash', 'text').execute();
  await db.schema.alterTable('alerts').addColumn('rendered_at', 'bigint').execute();
  await db.schema.alterTable('alerts').addColumn('rendered_by', 'text').execute();
  await db.schema.alterTable('alerts').addColumn('template_versions', 'text').execute();

  // The approved proposal that made an active network template (null for rows made before).
  await db.schema.alterTable('alert_templates').addColumn('version_id', 'text').execute();

  await db.schema
    .createTable('alert_template_proposals')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('network_id', 'text', (column) => column.notNull().references('networks.id'))
    .addColumn('template_key', 'text', (column) => column.notNull())
    // JSON: language → proposed body, or null to restore the shipped text.
    .addColumn('texts', 'text', (column) => column.notNull())
    // JSON: language → the version active when proposed (null: the shipped text).
    .addColumn('base_versions', 'text', (column) => column.notNull())
    .addColumn('state', 'text', (column) => column.notNull())
    .addColumn('proposed_by', 'text', (column) => column.notNull().references('members.id'))
    .addColumn('proposed_at', 'bigint', (column) => column.notNull())
    .addColumn('decided_by', 'text', (column) => column.references('members.id'))
    .addColumn('decided_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('alert_template_proposals_network_idx')
    .on('alert_template_proposals')
    .columns(['network_id', 'state', 'proposed_at'])
    .execute();

  // One row per area a retraction stopped; lifted by a second coordinator's review.
  await db.schema
    .createTable('alert_area_stops')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('network_id', 'text', (column) => column.notNull().references('networks.id'))
    // An area id, or '' for alerts outside every area of the network.
    .addColumn('area_key', 'text', (column) => column.notNull())
    .addColumn('retraction_id', 'text', (column) => column.notNull().references('alerts.id'))
    .addColumn('stopped_by', 'text', (column) => column.notNull().references('members.id'))
    .addColumn('stopped_at', 'bigint', (column) => column.notNull())
    .addColumn('lifted_by', 'text', (column) => column.references('members.id'))
    .addColumn('lifted_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('alert_area_stops_network_idx')
    .on('alert_area_stops')
    .columns(['network_id', 'lifted_at'])
    .execute();
  await db.schema
    .createIndex('alert_area_stops_retraction_idx')
    .on('alert_area_stops')
    .column('retraction_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('alert_area_stops').execute();
  await db.schema.dropTable('alert_template_proposals').execute();
  await db.schema.alterTable('alert_templates').dropColumn('version_id').execute();
  for (const column of ['template_versions', 'rendered_by', 'rendered_at', 'content_hash', 'content']) {
    await db.schema.alterTable('alerts').dropColumn(column).execute();
  }
}
