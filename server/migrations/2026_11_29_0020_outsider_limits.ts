import type { Kysely } from 'kysely';

// Frozen: do not import application code here.
// Limits that hold across app processes (docs/adr/0022-outsider-limits.md): one counter per key
// and fixed window, incremented in one statement by whichever process takes from it. Keys name a
// network or a blind index, never an address in the clear; rows are purged once their window ends.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('shared_counters')
    .addColumn('key', 'text', (column) => column.notNull())
    .addColumn('window_start', 'bigint', (column) => column.notNull())
    .addColumn('count', 'integer', (column) => column.notNull())
    .addColumn('expires_at', 'bigint', (column) => column.notNull())
    .addPrimaryKeyConstraint('shared_counters_pk', ['key', 'window_start'])
    .execute();
  await db.schema
    .createIndex('shared_counters_expires_idx')
    .on('shared_counters')
    .column('expires_at')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('shared_counters').execute();
}
