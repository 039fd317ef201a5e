import { sql } from 'kysely';
import type { Kysely } from 'kysely';

// Frozen: do not import application code here.
// Responders (availability, coarse expiring location, training), dispatch offers, and evidence
// with its chain-of-custody log. Columns ending in _enc hold AEAD envelopes; evidence files live
// encrypted on disk under <data dir>/media and their per-file keys are wrapped in file_key_enc.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('responder_profiles')
    .addColumn('member_id', 'text', (column) => column.primaryKey().references('members.id'))
    .addColumn('network_id', 'text', (column) => column.notNull().references('networks.id'))
    .addColumn('is_on_call', 'integer', (column) => column.notNull().defaultTo(0))
    // JSON array of { weekday, start, end } in the network's timezone.
    .addColumn('on_call_windows', 'text', (column) => column.notNull().defaultTo('[]'))
    .addColumn('has_windows', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('sms_phone_enc', 'text')
    .addColumn('sms_phone_index', 'text', (column) => column.unique())
    // The responder app's Web Push subscription (endpoint and keys), JSON, encrypted.
    .addColumn('push_subscription_enc', 'text')
    // Coarse (snapped to a ~300 m grid), opt-in, kept only while on call and until it expires.
    .addColumn('location_lat', 'double precision')
    .addColumn('location_lon', 'double precision')
    .addColumn('location_updated_at', 'bigint')
    .addColumn('location_expires_at', 'bigint')
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('responder_profiles_location_idx')
    .on('responder_profiles')
    .columns(['network_id', 'location_lat', 'location_lon', 'location_expires_at'])
    .execute();
  await db.schema
    .createIndex('responder_profiles_expiry_idx')
    .on('responder_profiles')
    .column('location_expires_at')
    .execute();

  await db.schema
    .createTable('responder_trainings')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('network_id', 'text', (column) => column.notNull().references('networks.id'))
    .addColumn('member_id', 'text', (column) => column.notNull().references('members.id'))
    .addColumn('kind', 'text', (column) => column.notNull())
    // Calendar dates (YYYY-MM-DD), as on a training certificate.
    .addColumn('completed_on', 'text', (column) => column.notNull())
    .addColumn('expires_on', 'text')
    .addColumn('recorded_by', 'text', (column) => column.notNull().references('members.id'))
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('responder_trainings_member_idx')
    .on('responder_trainings')
    .column('member_id')
    .execute();

  await db.schema
    .createTable('dispatch_offers')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('network_id', 'text', (column) => column.notNull().references('networks.id'))
    .addColumn('incident_id', 'text', (column) => column.notNull().references('incidents.id'))
    .addColumn('responder_member_id', 'text', (column) => column.notNull().references('members.id'))
    .addColumn('offered_by', 'text', (column) => column.notNull().references('members.id'))
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('code', 'text', (column) => column.notNull())
    .addColumn('is_auto_escalating', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('escalated_from_id', 'text')
    .addColumn('escalation_depth', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('language', 'text')
    .addColumn('distance_meters', 'integer')
    .addColumn('expires_at', 'bigint', (column) => column.notNull())
    .addColumn('offered_at', 'bigint', (column) => column.notNull())
    .addColumn('accepted_at', 'bigint')
    .addColumn('declined_at', 'bigint')
    .addColumn('expired_at', 'bigint')
    .addColumn('cancelled_at', 'bigint')
    .addColumn('en_route_at', 'bigint')
    .addColumn('on_scene_at', 'bigint')
    .addColumn('done_at', 'bigint')
    .addColumn('outcome', 'text')
    .addColumn('outcome_at', 'bigint')
    .addColumn('outcome_notes_enc', 'text')
    .addColumn('livestream_url_enc', 'text')
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .execute();
  // At most one live offer per responder: two dispatchers racing to send the same person lose
  // to this index, whatever the timing, on both dialects.
  await db.schema
    .createIndex('dispatch_offers_one_active_idx')
    .unique()
    .on('dispatch_offers')
    .column('responder_member_id')
    .where(sql<boolean>`status in ('offered', 'accepted', 'en_route', 'on_scene')`)
    .execute();
  await db.schema
    .createIndex('dispatch_offers_incident_idx')
    .on('dispatch_offers')
    .columns(['incident_id', 'offered_at'])
    .execute();
  await db.schema
    .createIndex('dispatch_offers_responder_idx')
    .on('dispatch_offers')
    .columns(['responder_member_id', 'offered_at'])
    .execute();

  await db.schema
    .createTable('evidence_items')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('network_id', 'text', (column) => column.notNull().references('networks.id'))
    .addColumn('incident_id', 'text', (column) => column.notNull().references('incidents.id'))
    .addColumn('offer_id', 'text', (column) => column.notNull().references('dispatch_offers.id'))
    .addColumn('uploaded_by', 'text', (column) => column.notNull().references('members.id'))
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('media_type', 'text', (column) => column.notNull())
    .addColumn('size_bytes', 'bigint', (column) => column.notNull())
    // SHA-256 (hex) of the original bytes as received, before anything else touched them.
    .addColumn('sha256', 'text', (column) => column.notNull())
    .addColumn('file_key_enc', 'text', (column) => column.notNull())
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('shared_media_type', 'text')
    .addColumn('shared_size_bytes', 'bigint')
    .addColumn('shared_sha256', 'text')
    // entry_hash of the item's latest custody event: the head of its chain.
    .addColumn('custody_head_hash', 'text')
    .addColumn('received_at', 'bigint', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('evidence_items_incident_idx')
    .on('evidence_items')
    .columns(['incident_id', 'received_at'])
    .execute();

  await db.schema
    .createTable('evidence_custody_events')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('network_id', 'text', (column) => column.notNull().references('networks.id'))
    .addColumn('evidence_id', 'text', (column) => column.notNull().references('evidence_items.id'))
    .addColumn('incident_id', 'text', (column) => column.notNull().references('incidents.id'))
    .addColumn('action', 'text', (column) => column.notNull())
    .addColumn('actor_member_id', 'text', (column) => column.references('members.id'))
    .addColumn('sha256', 'text', (column) => column.notNull())
    .addColumn('detail', 'text', (column) => column.notNull().defaultTo('{}'))
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    // Hash chain per evidence item, so an exported custody log can be checked on its own.
    .addColumn('previous_hash', 'text')
    .addColumn('entry_hash', 'text', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('evidence_custody_events_evidence_idx')
    .on('evidence_custody_events')
    .columns(['evidence_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('evidence_custody_events_incident_idx')
    .on('evidence_custody_events')
    .columns(['incident_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'evidence_custody_events',
    'evidence_items',
    'dispatch_offers',
    'responder_trainings',
    'responder_profiles',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
