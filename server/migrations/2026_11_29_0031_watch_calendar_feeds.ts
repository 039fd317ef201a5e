import type { Kysely } from 'kysely';

// Frozen: do not import application code here.
// Issue 19 item 3 (docs/adr/0037-court-watch.md): one private iCalendar feed per member, named by
// the SHA-256 of a random token (the token itself is shown once and never stored).

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('watch_calendar_feeds')
    .addColumn('member_id', 'text', (column) => column.primaryKey().references('members.id'))
    .addColumn('network_id', 'text', (column) => column.notNull().references('networks.id'))
    .addColumn('token_hash', 'text', (column) => column.notNull().unique())
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('watch_calendar_feeds').execute();
}
