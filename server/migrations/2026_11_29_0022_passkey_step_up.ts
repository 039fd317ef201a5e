import type { Kysely } from 'kysely';

// Frozen: do not import application code here.
// Issue 14, item 5 (docs/adr/0026-passkey-for-approvers-and-admins.md): a session records WHICH
// second factor was last proved in it ('passkey' or 'totp'), next to when. Approvals and admin
// actions accept only a fresh passkey proof. Existing sessions keep null: they step up again.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sessions').addColumn('second_factor_method', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sessions').dropColumn('second_factor_method').execute();
}
