import type { Kysely } from 'kysely';

// Frozen: do not import application code here.
// Issue 25 (docs/adr/0036-where-is-it.md): a network's own gazetteer of named places and its
// street list (centerlines), so typed places are found with no geocoder at all.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('gazetteer_places')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('network_id', 'text', (column) => column.notNull())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('name_key', 'text', (column) => column.notNull())
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('lat', 'double precision', (column) => column.notNull())
    .addColumn('lon', 'double precision', (column) => column.notNull())
    .addColumn('radius_meters', 'integer', (column) => column.notNull())
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('gazetteer_places_network')
    .on('gazetteer_places')
    .column('network_id')
    .execute();
  await db.schema
    .createTable('gazetteer_streets')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('network_id', 'text', (column) => column.notNull())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('name_key', 'text', (column) => column.notNull())
    .addColumn('positions', 'text', (column) => column.notNull())
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('gazetteer_streets_network_key')
    .on('gazetteer_streets')
    .columns(['network_id', 'name_key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('gazetteer_streets').execute();
  await db.schema.dropTable('gazetteer_places').execute();
}
