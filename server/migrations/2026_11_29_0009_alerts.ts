import type { Kysely } from 'kysely';

// Frozen: do not import application code here.
// Subscriptions (SMS, Web Push, email) and verified alerts with their per-recipient deliveries.
// `contact_enc` holds an AEAD envelope (phone, email or push subscription); `contact_index` and
// `phone_index` hold keyed blind indexes, never the plaintext.

export async function up(db: Kysely<unknown>): Promise<void> {
  // One VAPID key pair per deployment, shared by every app node; the private key is encrypted.
  await db.schema
    .createTable('vapid_keys')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('public_key', 'text', (column) => column.notNull())
    .addColumn('private_key_enc', 'text', (column) => column.notNull())
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .execute();

  await db.schema
    .createTable('subscribers')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('network_id', 'text', (column) => column.notNull().references('networks.id'))
    .addColumn('channel', 'text', (column) => column.notNull())
    .addColumn('contact_enc', 'text', (column) => column.notNull())
    .addColumn('contact_index', 'text', (column) => column.notNull())
    .addColumn('language', 'text', (column) => column.notNull())
    .addColumn('preference', 'text', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('is_exercise_recipient', 'integer', (column) => column.notNull().defaultTo(0))
    // Email only: what a confirmation will apply (areas, language, preference), as JSON.
    .addColumn('pending_settings', 'text')
    .addColumn('confirmation_hash', 'text')
    .addColumn('confirmation_expires_at', 'bigint')
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .addColumn('confirmed_at', 'bigint')
    .addColumn('unsubscribed_at', 'bigint')
    .addUniqueConstraint('subscribers_contact_unique', ['network_id', 'channel', 'contact_index'])
    .execute();
  await db.schema
    .createIndex('subscribers_confirmation_idx')
    .on('subscribers')
    .column('confirmation_hash')
    .execute();

  await db.schema
    .createTable('subscriber_areas')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('subscriber_id', 'text', (column) => column.notNull().references('subscribers.id'))
    .addColumn('network_id', 'text', (column) => column.notNull())
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('zip', 'text')
    .addColumn('lat', 'double precision')
    .addColumn('lon', 'double precision')
    .addColumn('radius_meters', 'integer')
    .addColumn('min_lat', 'double precision', (column) => column.notNull())
    .addColumn('min_lon', 'double precision', (column) => column.notNull())
    .addColumn('max_lat', 'double precision', (column) => column.notNull())
    .addColumn('max_lon', 'double precision', (column) => column.notNull())
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('subscriber_areas_zip_idx')
    .on('subscriber_areas')
    .columns(['network_id', 'zip', 'id'])
    .execute();
  await db.schema
    .createIndex('subscriber_areas_kind_idx')
    .on('subscriber_areas')
    .columns(['network_id', 'kind', 'id'])
    .execute();
  await db.schema
    .createIndex('subscriber_areas_subscriber_idx')
    .on('subscriber_areas')
    .column('subscriber_id')
    .execute();

  // STOP from any number, subscribed or not, suppresses later texts to it.
  await db.schema
    .createTable('sms_opt_outs')
    .addColumn('network_id', 'text', (column) => column.notNull())
    .addColumn('phone_index', 'text', (column) => column.notNull())
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addPrimaryKeyConstraint('sms_opt_outs_pk', ['network_id', 'phone_index'])
    .execute();

  await db.schema
    .createTable('alerts')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('network_id', 'text', (column) => column.notNull().references('networks.id'))
    .addColumn('public_id', 'text', (column) => column.notNull().unique())
    .addColumn('thread_id', 'text', (column) => column.notNull())
    .addColumn('references_alert_id', 'text')
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('state', 'text', (column) => column.notNull())
    .addColumn('urgency', 'text', (column) => column.notNull())
    .addColumn('incident_id', 'text', (column) => column.notNull().references('incidents.id'))
    .addColumn('category', 'text', (column) => column.notNull())
    .addColumn('template_key', 'text', (column) => column.notNull())
    .addColumn('lat', 'double precision', (column) => column.notNull())
    .addColumn('lon', 'double precision', (column) => column.notNull())
    .addColumn('radius_meters', 'integer', (column) => column.notNull())
    .addColumn('zip', 'text')
    .addColumn('area_ids', 'text', (column) => column.notNull())
    .addColumn('area_names', 'text', (column) => column.notNull())
    .addColumn('observed_at', 'bigint', (column) => column.notNull())
    .addColumn('free_text', 'text', (column) => column.notNull())
    .addColumn('messages', 'text')
    .addColumn('is_override', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('override_confirmed_by', 'text', (column) => column.references('members.id'))
    .addColumn('override_confirmed_at', 'bigint')
    .addColumn('drafted_by', 'text', (column) => column.notNull().references('members.id'))
    .addColumn('drafted_at', 'bigint', (column) => column.notNull())
    .addColumn('approved_by', 'text', (column) => column.references('members.id'))
    .addColumn('approved_at', 'bigint')
    .addColumn('superseded_at', 'bigint')
    .addColumn('cancelled_at', 'bigint')
    .addColumn('plan_state', 'text')
    .addColumn('plan_cursor', 'text')
    .addColumn('planned_at', 'bigint')
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('alerts_network_idx')
    .on('alerts')
    .columns(['network_id', 'state', 'approved_at'])
    .execute();
  await db.schema.createIndex('alerts_thread_idx').on('alerts').column('thread_id').execute();

  await db.schema
    .createTable('alert_deliveries')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('network_id', 'text', (column) => column.notNull())
    .addColumn('alert_id', 'text', (column) => column.notNull().references('alerts.id'))
    .addColumn('recipient_kind', 'text', (column) => column.notNull())
    .addColumn('recipient_id', 'text', (column) => column.notNull())
    .addColumn('channel', 'text', (column) => column.notNull())
    .addColumn('language', 'text', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('attempts', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('slot_at', 'bigint')
    .addColumn('sending_until', 'bigint')
    .addColumn('provider_message_id', 'text')
    .addColumn('provider_status', 'text')
    .addColumn('error_code', 'text')
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .addColumn('sent_at', 'bigint')
    .addUniqueConstraint('alert_deliveries_recipient_unique', ['alert_id', 'recipient_id', 'channel'])
    .execute();
  await db.schema
    .createIndex('alert_deliveries_status_idx')
    .on('alert_deliveries')
    .columns(['network_id', 'status'])
    .execute();
  await db.schema
    .createIndex('alert_deliveries_recipient_idx')
    .on('alert_deliveries')
    .columns(['recipient_id', 'channel'])
    .execute();
  await db.schema
    .createIndex('alert_deliveries_provider_idx')
    .on('alert_deliveries')
    .column('provider_message_id')
    .execute();

  await db.schema
    .createTable('alert_templates')
    .addColumn('network_id', 'text', (column) => column.notNull().references('networks.id'))
    .addColumn('template_key', 'text', (column) => column.notNull())
    .addColumn('language', 'text', (column) => column.notNull())
    .addColumn('body', 'text', (column) => column.notNull())
    .addColumn('updated_by', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .addPrimaryKeyConstraint('alert_templates_pk', ['network_id', 'template_key', 'language'])
    .execute();

  await db.schema
    .createTable('alert_stop_switches')
    .addColumn('network_id', 'text', (column) => column.primaryKey().references('networks.id'))
    .addColumn('is_stopped', 'integer', (column) => column.notNull())
    .addColumn('changed_by', 'text', (column) => column.notNull())
    .addColumn('changed_at', 'bigint', (column) => column.notNull())
    .execute();

  // Send-rate reservations (GCRA): the earliest time the next message under `key` may go out.
  await db.schema
    .createTable('alert_send_rates')
    .addColumn('key', 'text', (column) => column.primaryKey())
    .addColumn('next_at', 'bigint', (column) => column.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'alert_send_rates',
    'alert_stop_switches',
    'alert_templates',
    'alert_deliveries',
    'alerts',
    'sms_opt_outs',
    'subscriber_areas',
    'subscribers',
    'vapid_keys',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
