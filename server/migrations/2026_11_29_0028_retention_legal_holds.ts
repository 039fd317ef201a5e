import type { Kysely } from 'kysely';

// Frozen: do not import application code here.
// Issue 15, item 2 (docs/adr/0034-public-pages-and-retention-gaps.md): a coordinator's legal hold
// keeps an incident's evidence from deletion (reason encrypted), reviewed every 90 days.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('evidence_legal_holds')
    .addColumn('incident_id', 'text', (column) => column.primaryKey())
    .addColumn('network_id', 'text', (column) => column.notNull())
    .addColumn('reason_enc', 'text', (column) => column.notNull())
    .addColumn('placed_by', 'text', (column) => column.notNull())
    .addColumn('placed_at', 'bigint', (column) => column.notNull())
    .addColumn('reviewed_by', 'text', (column) => column.notNull())
    .addColumn('reviewed_at', 'bigint', (column) => column.notNull())
    .addColumn('review_due_at', 'bigint', (column) => column.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('evidence_legal_holds').execute();
}
