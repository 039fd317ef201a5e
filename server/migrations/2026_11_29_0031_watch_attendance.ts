import type { Kysely } from 'kysely';

// Frozen: do not import application code here.
// Issue 19 item 3 (docs/adr/0037-court-watch.md): a volunteer checks in and out of a shift on
// site. Times only: no location is stored.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('watch_signups').addColumn('checked_in_at', 'bigint').execute();
  await db.schema.alterTable('watch_signups').addColumn('checked_out_at', 'bigint').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('watch_signups').dropColumn('checked_out_at').execute();
  await db.schema.alterTable('watch_signups').dropColumn('checked_in_at').execute();
}
