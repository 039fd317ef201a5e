import type { Kysely } from 'kysely';

// Frozen: do not import application code here.
// Two-person evidence exports: an advocate or admin requests an incident's bundle, a different
// advocate, admin or coordinator approves it, and only then may the requester download it, once,
// before it expires. The row holds ids and times only; the bundle is built at download time.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('evidence_exports')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('network_id', 'text', (column) => column.notNull().references('networks.id'))
    .addColumn('incident_id', 'text', (column) => column.notNull().references('incidents.id'))
    .addColumn('requested_by', 'text', (column) => column.notNull().references('members.id'))
    .addColumn('requested_at', 'bigint', (column) => column.notNull())
    // pending → approved → downloaded; a pending or approved export past expires_at is expired.
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('approved_by', 'text', (column) => column.references('members.id'))
    .addColumn('approved_at', 'bigint')
    .addColumn('downloaded_at', 'bigint')
    // Pending: when the request lapses unapproved. Approved: when the download window closes.
    .addColumn('expires_at', 'bigint', (column) => column.notNull())
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('evidence_exports_incident_idx')
    .on('evidence_exports')
    .columns(['incident_id', 'requested_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('evidence_exports').execute();
}
