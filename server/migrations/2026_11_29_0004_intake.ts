import type { Kysely } from 'kysely';

// Frozen: do not import application code here.
// Hotline intake: reports from every channel, clustered into incidents with a status history and
// an internal notes thread. Columns ending in _enc hold AEAD envelopes (street addresses, exact
// pins, free text, reporter contact); lat/lon columns hold coarse values (3 decimals, ~100 m).

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('incidents')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('network_id', 'text', (column) => column.notNull().references('networks.id'))
    // Random, unguessable id for the public status link given to reporters.
    .addColumn('public_id', 'text', (column) => column.notNull().unique())
    .addColumn('status', 'text', (column) => column.notNull())
    // Last verification outcome (confirmed, unconfirmed, false_alarm), kept when closed.
    .addColumn('outcome', 'text')
    .addColumn('closed_reason', 'text')
    .addColumn('merged_into_id', 'text')
    .addColumn('category', 'text', (column) => column.notNull())
    .addColumn('lat', 'double precision')
    .addColumn('lon', 'double precision')
    .addColumn('location_precision', 'text', (column) => column.notNull())
    .addColumn('located_report_count', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('zip', 'text')
    .addColumn('report_count', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('source_count', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('first_report_at', 'bigint', (column) => column.notNull())
    .addColumn('latest_report_at', 'bigint', (column) => column.notNull())
    .addColumn('last_received_at', 'bigint', (column) => column.notNull())
    .addColumn('priority', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('claimed_by', 'text', (column) => column.references('members.id'))
    .addColumn('claimed_at', 'bigint')
    .addColumn('expires_at', 'bigint')
    .addColumn('status_changed_at', 'bigint', (column) => column.notNull())
    .addColumn('closed_at', 'bigint')
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('incidents_queue_idx')
    .on('incidents')
    .columns(['network_id', 'status', 'priority', 'first_report_at'])
    .execute();
  await db.schema
    .createIndex('incidents_cluster_idx')
    .on('incidents')
    .columns(['network_id', 'latest_report_at'])
    .execute();
  await db.schema.createIndex('incidents_expiry_idx').on('incidents').columns(['expires_at']).execute();

  await db.schema
    .createTable('reports')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('network_id', 'text', (column) => column.notNull().references('networks.id'))
    .addColumn('incident_id', 'text', (column) => column.notNull().references('incidents.id'))
    .addColumn('channel', 'text', (column) => column.notNull())
    .addColumn('category', 'text', (column) => column.notNull())
    .addColumn('lat', 'double precision')
    .addColumn('lon', 'double precision')
    .addColumn('location_precision', 'text', (column) => column.notNull())
    .addColumn('location_point_enc', 'text')
    .addColumn('location_text_enc', 'text')
    .addColumn('zip', 'text')
    .addColumn('occurred_at', 'bigint', (column) => column.notNull())
    .addColumn('description_enc', 'text')
    .addColumn('callback_contact_enc', 'text')
    .addColumn('contact_consent', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('source_hash', 'text')
    .addColumn('language', 'text', (column) => column.notNull())
    .addColumn('entered_by', 'text', (column) => column.references('members.id'))
    .addColumn('flagged_reason', 'text')
    .addColumn('text_purged_at', 'bigint')
    .addColumn('contact_purged_at', 'bigint')
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('reports_incident_idx')
    .on('reports')
    .columns(['incident_id', 'occurred_at'])
    .execute();
  await db.schema
    .createIndex('reports_network_time_idx')
    .on('reports')
    .columns(['network_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('reports_source_idx')
    .on('reports')
    .columns(['network_id', 'source_hash', 'created_at'])
    .execute();

  await db.schema
    .createTable('incident_events')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('network_id', 'text', (column) => column.notNull().references('networks.id'))
    .addColumn('incident_id', 'text', (column) => column.notNull().references('incidents.id'))
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text')
    .addColumn('actor_member_id', 'text', (column) => column.references('members.id'))
    .addColumn('metadata', 'text', (column) => column.notNull().defaultTo('{}'))
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('incident_events_incident_idx')
    .on('incident_events')
    .columns(['incident_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('incident_notes')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('network_id', 'text', (column) => column.notNull().references('networks.id'))
    .addColumn('incident_id', 'text', (column) => column.notNull().references('incidents.id'))
    .addColumn('author_member_id', 'text', (column) => column.notNull().references('members.id'))
    .addColumn('body_enc', 'text', (column) => column.notNull())
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('incident_notes_incident_idx')
    .on('incident_notes')
    .columns(['incident_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['incident_notes', 'incident_events', 'reports', 'incidents']) {
    await db.schema.dropTable(table).execute();
  }
}
