import type { Kysely } from 'kysely';

// Frozen: do not import application code here.
// Issue 19 items 1 and 2 (docs/adr/0037-court-watch.md): watch sites (courthouses, immigration
// offices, check-in locations) in a network's areas, recurring watch shifts per site (an RFC 5545
// rule in the network's time zone, with skipped dates) and volunteers' sign-ups per occurrence.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('watch_sites')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('network_id', 'text', (column) => column.notNull().references('networks.id'))
    .addColumn('area_id', 'text', (column) => column.notNull().references('areas.id'))
    // 'courthouse' | 'immigration_office' | 'check_in'
    .addColumn('kind', 'text', (column) => column.notNull())
    // The public name of the place ("Cook County Immigration Court").
    .addColumn('name', 'text', (column) => column.notNull())
    // Field-crypto JSON: address, opening hours, entry rules, safety notes, rally point.
    .addColumn('details_enc', 'text', (column) => column.notNull())
    .addColumn('created_by', 'text', (column) => column.notNull().references('members.id'))
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('watch_sites_network_idx').on('watch_sites').columns(['network_id']).execute();

  await db.schema
    .createTable('watch_shifts')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('network_id', 'text', (column) => column.notNull().references('networks.id'))
    .addColumn('site_id', 'text', (column) => column.notNull().references('watch_sites.id'))
    // Local date (YYYY-MM-DD) and minute of the first occurrence, in the network's time zone.
    .addColumn('starts_on', 'text', (column) => column.notNull())
    .addColumn('start_minute', 'integer', (column) => column.notNull())
    .addColumn('duration_minutes', 'integer', (column) => column.notNull())
    // An RFC 5545 RRULE value without DTSTART ("FREQ=WEEKLY;BYDAY=TU").
    .addColumn('recurrence_rule', 'text', (column) => column.notNull())
    // Local dates skipped (EXDATE), comma separated.
    .addColumn('skipped_dates', 'text', (column) => column.notNull())
    .addColumn('min_volunteers', 'integer', (column) => column.notNull())
    .addColumn('target_volunteers', 'integer', (column) => column.notNull())
    // Roles volunteers may sign up for, comma separated ('observer,lead').
    .addColumn('offered_roles', 'text', (column) => column.notNull())
    .addColumn('created_by', 'text', (column) => column.notNull().references('members.id'))
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('watch_shifts_network_idx')
    .on('watch_shifts')
    .columns(['network_id', 'site_id'])
    .execute();

  await db.schema
    .createTable('watch_signups')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('network_id', 'text', (column) => column.notNull().references('networks.id'))
    .addColumn('shift_id', 'text', (column) => column.notNull().references('watch_shifts.id'))
    // The occurrence: its start and end in UTC milliseconds.
    .addColumn('starts_at', 'bigint', (column) => column.notNull())
    .addColumn('ends_at', 'bigint', (column) => column.notNull())
    .addColumn('member_id', 'text', (column) => column.notNull().references('members.id'))
    .addColumn('role', 'text', (column) => column.notNull())
    // 'confirmed' | 'waitlisted' (a cancelled sign-up is deleted)
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('watch_signups_once_idx')
    .on('watch_signups')
    .columns(['shift_id', 'starts_at', 'member_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('watch_signups_range_idx')
    .on('watch_signups')
    .columns(['network_id', 'starts_at'])
    .execute();
  await db.schema.createIndex('watch_signups_ends_idx').on('watch_signups').column('ends_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('watch_signups').execute();
  await db.schema.dropTable('watch_shifts').execute();
  await db.schema.dropTable('watch_sites').execute();
}
