import type { Kysely } from 'kysely';

// Frozen: do not import application code here.
// Issue 18 (docs/adr/0035-voice-line.md): the phone hotline.
// - voice_calls: one row per Twilio CallSid (replay safety), the caller's number only as a keyed
//   hash, and encrypted only once the caller agreed to be called back;
// - voicemails: one row per Twilio RecordingSid; the audio is a file encrypted with its own key
//   (wrapped by field crypto), stored as part of a report; `provider_deleted_at` is set once
//   Twilio confirmed the recording is gone from its side.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('voice_calls')
    .addColumn('call_sid', 'text', (column) => column.primaryKey())
    .addColumn('network_id', 'text', (column) => column.notNull().references('networks.id'))
    .addColumn('caller_hash', 'text')
    .addColumn('caller_last_digits', 'text')
    .addColumn('callback_phone_enc', 'text')
    .addColumn('language', 'text')
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('is_flood_diverted', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('answered_by', 'text')
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .addColumn('purge_at', 'bigint', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('voice_calls_network_status_idx')
    .on('voice_calls')
    .columns(['network_id', 'status'])
    .execute();
  await db.schema.createIndex('voice_calls_purge_idx').on('voice_calls').column('purge_at').execute();
  await db.schema
    .createTable('voicemails')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('network_id', 'text', (column) => column.notNull().references('networks.id'))
    .addColumn('call_sid', 'text', (column) => column.notNull())
    .addColumn('recording_sid', 'text', (column) => column.notNull().unique())
    .addColumn('report_id', 'text')
    .addColumn('incident_id', 'text')
    .addColumn('language', 'text', (column) => column.notNull())
    .addColumn('media_type', 'text')
    .addColumn('size_bytes', 'integer')
    .addColumn('duration_seconds', 'integer', (column) => column.notNull())
    .addColumn('file_key_enc', 'text')
    .addColumn('provider_deleted_at', 'bigint')
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('stored_at', 'bigint')
    .execute();
  await db.schema.createIndex('voicemails_report_idx').on('voicemails').column('report_id').execute();
  await db.schema.createIndex('voicemails_incident_idx').on('voicemails').column('incident_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('voicemails').execute();
  await db.schema.dropTable('voice_calls').execute();
}
