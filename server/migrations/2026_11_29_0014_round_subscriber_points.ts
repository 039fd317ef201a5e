import { sql } from 'kysely';
import type { Kysely } from 'kysely';

// Frozen: do not import application code here.
// A subscriber's point is kept to three decimals (about 100 m): the subscribe page always rounded
// it, and the server now does too. Points stored exactly before that (by a client that called the
// API directly) are rounded here, and their bounding boxes move with them. round(x) without a
// scale is a double on PostgreSQL and a real on SQLite, and an UPDATE reads the old row on both.

export async function up(db: Kysely<unknown>): Promise<void> {
  const rounded = (column: 'lat' | 'lon') => sql`(round(${sql.ref(column)} * 1000) / 1000)`;
  await sql`update subscriber_areas set
      min_lat = min_lat + ${rounded('lat')} - lat,
      max_lat = max_lat + ${rounded('lat')} - lat,
      min_lon = min_lon + ${rounded('lon')} - lon,
      max_lon = max_lon + ${rounded('lon')} - lon,
      lat = ${rounded('lat')},
      lon = ${rounded('lon')}
    where kind = 'circle' and lat is not null and lon is not null`.execute(db);
}

export async function down(): Promise<void> {
  // The exact points are gone on purpose.
}
