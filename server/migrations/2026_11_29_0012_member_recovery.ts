import type { Kysely } from 'kysely';

// Frozen: do not import application code here.
// Admin-assisted recovery links for a member who lost every sign-in factor. Only the SHA-256 of
// the link's token is stored. A link for an admin or coordinator needs a second person's approval
// (approved_by/approved_at) before it works; a newer link voids the older ones.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('member_recovery_links')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('network_id', 'text', (column) => column.notNull().references('networks.id'))
    .addColumn('member_id', 'text', (column) => column.notNull().references('members.id'))
    .addColumn('token_hash', 'text', (column) => column.notNull().unique())
    .addColumn('created_by', 'text', (column) => column.notNull().references('members.id'))
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('expires_at', 'bigint', (column) => column.notNull())
    .addColumn('needs_approval', 'integer', (column) => column.notNull())
    .addColumn('approved_by', 'text', (column) => column.references('members.id'))
    .addColumn('approved_at', 'bigint')
    .addColumn('used_at', 'bigint')
    .addColumn('voided_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('member_recovery_links_member_idx')
    .on('member_recovery_links')
    .columns(['member_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('member_recovery_links').execute();
}
