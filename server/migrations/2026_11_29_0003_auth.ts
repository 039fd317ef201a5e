import type { Kysely } from 'kysely';

// Frozen: do not import application code here.
// Sign-ins waiting for their second factor, and a lookup index for WebAuthn challenges (a
// challenge is found by the value the authenticator signed, then deleted: single use).

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('pending_sign_ins')
    .addColumn('id', 'text', (column) => column.primaryKey())
    // SHA-256 of the token handed to the browser; the token itself is never stored.
    .addColumn('token_hash', 'text', (column) => column.notNull().unique())
    .addColumn('member_id', 'text', (column) => column.notNull().references('members.id'))
    .addColumn('network_id', 'text', (column) => column.notNull())
    .addColumn('failed_attempts', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('expires_at', 'bigint', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('pending_sign_ins_expires_idx')
    .on('pending_sign_ins')
    .column('expires_at')
    .execute();

  await db.schema
    .createIndex('webauthn_challenges_challenge_idx')
    .on('webauthn_challenges')
    .column('challenge')
    .execute();
  await db.schema
    .createIndex('webauthn_challenges_expires_idx')
    .on('webauthn_challenges')
    .column('expires_at')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('webauthn_challenges_expires_idx').execute();
  await db.schema.dropIndex('webauthn_challenges_challenge_idx').execute();
  await db.schema.dropTable('pending_sign_ins').execute();
}
