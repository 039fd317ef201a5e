import type { Kysely } from 'kysely';

// Frozen: do not import application code here.
// SMS hotline and the rest of intake: short SMS conversations (keyed by the texter's phone blind
// index, expiring in minutes), the two-way thread between dispatchers and consenting reporters,
// weaponized tips kept apart from reports and incidents, and each network's flood-mode switch.
// Columns ending in _enc hold AEAD envelopes.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sms_conversations')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('network_id', 'text', (column) => column.notNull().references('networks.id'))
    // Blind index of the texter's number (same purpose as reports.source_hash); never the number.
    .addColumn('phone_hash', 'text', (column) => column.notNull())
    .addColumn('stage', 'text', (column) => column.notNull())
    .addColumn('language', 'text', (column) => column.notNull())
    // The report text waiting for its location (JSON, encrypted).
    .addColumn('draft_enc', 'text')
    .addColumn('report_id', 'text')
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .addColumn('expires_at', 'bigint', (column) => column.notNull())
    .addUniqueConstraint('sms_conversations_phone_unique', ['network_id', 'phone_hash'])
    .execute();
  await db.schema
    .createIndex('sms_conversations_expires_idx')
    .on('sms_conversations')
    .column('expires_at')
    .execute();

  await db.schema
    .createTable('incident_messages')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('network_id', 'text', (column) => column.notNull().references('networks.id'))
    .addColumn('incident_id', 'text', (column) => column.notNull().references('incidents.id'))
    .addColumn('report_id', 'text', (column) => column.notNull().references('reports.id'))
    // outbound (dispatcher or outcome notice to the reporter) or inbound (the reporter's reply).
    .addColumn('direction', 'text', (column) => column.notNull())
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('body_enc', 'text')
    .addColumn('author_member_id', 'text', (column) => column.references('members.id'))
    // Blind index of the reporter's number, so a reply finds its thread; cleared with the contact.
    .addColumn('phone_hash', 'text')
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('provider_message_id', 'text')
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('sent_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('incident_messages_incident_idx')
    .on('incident_messages')
    .columns(['incident_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('incident_messages_phone_idx')
    .on('incident_messages')
    .columns(['network_id', 'phone_hash', 'created_at'])
    .execute();

  await db.schema
    .createTable('flagged_reports')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('network_id', 'text', (column) => column.notNull().references('networks.id'))
    .addColumn('channel', 'text', (column) => column.notNull())
    .addColumn('category', 'text', (column) => column.notNull())
    .addColumn('language', 'text', (column) => column.notNull())
    // JSON array of reason codes (internal: no text from the report).
    .addColumn('reasons', 'text', (column) => column.notNull())
    .addColumn('description_enc', 'text')
    .addColumn('location_text_enc', 'text')
    .addColumn('zip', 'text')
    .addColumn('source_hash', 'text')
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('purge_at', 'bigint', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('flagged_reports_network_idx')
    .on('flagged_reports')
    .columns(['network_id', 'created_at'])
    .execute();
  await db.schema.createIndex('flagged_reports_purge_idx').on('flagged_reports').column('purge_at').execute();

  await db.schema
    .createTable('intake_flood_modes')
    .addColumn('network_id', 'text', (column) => column.primaryKey().references('networks.id'))
    .addColumn('is_on', 'integer', (column) => column.notNull())
    .addColumn('changed_by', 'text', (column) => column.references('members.id'))
    .addColumn('changed_at', 'bigint', (column) => column.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['intake_flood_modes', 'flagged_reports', 'incident_messages', 'sms_conversations']) {
    await db.schema.dropTable(table).execute();
  }
}
