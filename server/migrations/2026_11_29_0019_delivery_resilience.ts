import type { Kysely } from 'kysely';

// Frozen: do not import application code here.
// Delivery that survives a provider's bad minute (docs/adr/0021):
// - `delivery_channel_states`: one row per provider account and channel (`sms`, `email`, and
//   `push:<push service origin>`), the circuit breaker: healthy, throttled or down, until when the
//   channel is paused, and whether a half-open probe is in flight. No personal data.
// - `alert_deliveries.retry_at`: when a delivery that failed for now (429, 5xx, timeout) is tried
//   again; it keeps retrying until the alert expires.
// - `subscribers.bounce_count`: permanent SMTP refusals in a row; after a few the address is
//   suspended instead of being mailed again and again.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('delivery_channel_states')
    .addColumn('key', 'text', (column) => column.primaryKey())
    .addColumn('channel', 'text', (column) => column.notNull())
    .addColumn('state', 'text', (column) => column.notNull())
    .addColumn('consecutive_failures', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('paused_until', 'bigint')
    .addColumn('probe_until', 'bigint')
    .addColumn('last_error_code', 'text')
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .execute();
  await db.schema.alterTable('alert_deliveries').addColumn('retry_at', 'bigint').execute();
  await db.schema
    .alterTable('subscribers')
    .addColumn('bounce_count', 'integer', (column) => column.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('subscribers').dropColumn('bounce_count').execute();
  await db.schema.alterTable('alert_deliveries').dropColumn('retry_at').execute();
  await db.schema.dropTable('delivery_channel_states').execute();
}
