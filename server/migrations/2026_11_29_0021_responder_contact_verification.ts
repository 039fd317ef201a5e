import type { Kysely } from 'kysely';

// Frozen: do not import application code here.
// Issue 16: a responder's SMS number takes effect only after they type back the code texted to it
// (docs/adr/0023-on-call-responder-devices.md). Until then the number and the code wait here,
// both encrypted like the number itself; a wrong code counts, and too many end the attempt.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('responder_profiles').addColumn('pending_sms_phone_enc', 'text').execute();
  await db.schema.alterTable('responder_profiles').addColumn('pending_sms_code_enc', 'text').execute();
  await db.schema.alterTable('responder_profiles').addColumn('pending_sms_expires_at', 'bigint').execute();
  await db.schema
    .alterTable('responder_profiles')
    .addColumn('pending_sms_attempts', 'integer', (column) => column.notNull().defaultTo(0))
    .execute();
  // The responder's own estimate of arrival, given with "on my way" (null: none given).
  await db.schema.alterTable('dispatch_offers').addColumn('eta_at', 'bigint').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('dispatch_offers').dropColumn('eta_at').execute();
  for (const column of [
    'pending_sms_attempts',
    'pending_sms_expires_at',
    'pending_sms_code_enc',
    'pending_sms_phone_enc',
  ]) {
    await db.schema.alterTable('responder_profiles').dropColumn(column).execute();
  }
}
