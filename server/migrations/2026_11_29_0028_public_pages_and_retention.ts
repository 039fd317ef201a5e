import type { Kysely } from 'kysely';

// Frozen: do not import application code here.
// Issue 15, item 5 (docs/adr/0034-public-pages-and-retention-gaps.md): a coordinator may withhold
// an incident from the public pages (when, who, and the reason, encrypted).

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('incidents').addColumn('public_withheld_at', 'bigint').execute();
  await db.schema.alterTable('incidents').addColumn('public_withheld_by', 'text').execute();
  await db.schema.alterTable('incidents').addColumn('public_withheld_reason_enc', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('incidents').dropColumn('public_withheld_reason_enc').execute();
  await db.schema.alterTable('incidents').dropColumn('public_withheld_by').execute();
  await db.schema.alterTable('incidents').dropColumn('public_withheld_at').execute();
}
