import type { Kysely } from 'kysely';

// Frozen: do not import application code here.
// Issue 25 (docs/adr/0036-where-is-it.md): every located report and incident says how far off its
// point may be (meters): a phone pin's accuracy, an intersection or named place (tens of meters),
// a street (half its length), a ZIP centroid (the ZIP's size). Null on rows from before.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('reports').addColumn('location_radius_meters', 'integer').execute();
  await db.schema.alterTable('incidents').addColumn('location_radius_meters', 'integer').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('incidents').dropColumn('location_radius_meters').execute();
  await db.schema.alterTable('reports').dropColumn('location_radius_meters').execute();
}
