import type { Kysely } from 'kysely';

// Frozen: do not import application code here.
// Issue 17, item 5 (docs/adr/0032-coalition-operator.md): a deployment operator, who belongs to
// no network, creates networks, sees their health (counts only) and suspends one.
// - operators: the operator's account (email encrypted, a blind index to sign in, a password and
//   an authenticator secret, encrypted); the one-time setup link's hash until it is used;
// - operator_sessions: an operator's sessions, apart from members' (no member, no network);
// - networks.suspended_at: a suspended network's members cannot sign in or act, its public pages
//   and hotline answer "not in service"; its data is untouched;
// - setup_tokens.network_id: a setup link for the first admin of a network an operator created.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('operators')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('email_index', 'text', (column) => column.notNull().unique())
    .addColumn('email_enc', 'text', (column) => column.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('totp_secret_enc', 'text')
    .addColumn('totp_last_step', 'bigint')
    .addColumn('setup_token_hash', 'text', (column) => column.unique())
    .addColumn('setup_expires_at', 'bigint')
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .execute();
  await db.schema
    .createTable('operator_sessions')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('token_hash', 'text', (column) => column.notNull().unique())
    .addColumn('operator_id', 'text', (column) => column.notNull().references('operators.id'))
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('last_seen_at', 'bigint', (column) => column.notNull())
    .addColumn('expires_at', 'bigint', (column) => column.notNull())
    .addColumn('revoked_at', 'bigint')
    .execute();
  await db.schema.alterTable('networks').addColumn('suspended_at', 'bigint').execute();
  await db.schema.alterTable('setup_tokens').addColumn('network_id', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('setup_tokens').dropColumn('network_id').execute();
  await db.schema.alterTable('networks').dropColumn('suspended_at').execute();
  await db.schema.dropTable('operator_sessions').execute();
  await db.schema.dropTable('operators').execute();
}
