import type { Kysely } from 'kysely';

// Frozen: do not import application code here.
// Issue 16 items 1 and 2 (docs/adr/0028-on-duty-rota-and-paging.md): weekly on-duty shifts of
// dispatchers and responders in the network's time zone, dated exceptions and swaps, and the pages
// sent to on-duty dispatchers (and coordinators) for an incident. Ids and times only: no contact.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rota_shifts')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('network_id', 'text', (column) => column.notNull().references('networks.id'))
    .addColumn('member_id', 'text', (column) => column.notNull().references('members.id'))
    .addColumn('role', 'text', (column) => column.notNull())
    // null: every area the member's role covers.
    .addColumn('area_id', 'text', (column) => column.references('areas.id'))
    // Local wall-clock time in the network's time zone: weekday 0 = Sunday, minutes from midnight.
    // An end at or before the start runs past midnight into the next day.
    .addColumn('weekday', 'integer', (column) => column.notNull())
    .addColumn('start_minute', 'integer', (column) => column.notNull())
    .addColumn('end_minute', 'integer', (column) => column.notNull())
    .addColumn('created_by', 'text', (column) => column.notNull().references('members.id'))
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('rota_shifts_network_idx')
    .on('rota_shifts')
    .columns(['network_id', 'role'])
    .execute();

  await db.schema
    .createTable('rota_exceptions')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('network_id', 'text', (column) => column.notNull().references('networks.id'))
    .addColumn('member_id', 'text', (column) => column.notNull().references('members.id'))
    .addColumn('role', 'text', (column) => column.notNull())
    .addColumn('area_id', 'text', (column) => column.references('areas.id'))
    // 'off': not on duty in the range though a shift says so; 'extra': on duty in the range.
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('starts_at', 'bigint', (column) => column.notNull())
    .addColumn('ends_at', 'bigint', (column) => column.notNull())
    // A swap is an 'off' for one member and an 'extra' for another with the same swap id.
    .addColumn('swap_id', 'text')
    .addColumn('created_by', 'text', (column) => column.notNull().references('members.id'))
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('rota_exceptions_range_idx')
    .on('rota_exceptions')
    .columns(['network_id', 'role', 'ends_at'])
    .execute();

  await db.schema
    .createTable('incident_pages')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('network_id', 'text', (column) => column.notNull().references('networks.id'))
    .addColumn('incident_id', 'text', (column) => column.notNull().references('incidents.id'))
    .addColumn('member_id', 'text', (column) => column.notNull().references('members.id'))
    // 'new' | 'unclaimed' | 'escalation'
    .addColumn('round', 'text', (column) => column.notNull())
    // Channels tried, comma separated ('push,sms'), or 'none', or 'held' (quiet limit).
    .addColumn('channels', 'text', (column) => column.notNull())
    // Short code the SMS reply names (`OK 4K7P`); unique among unanswered pages of the network.
    .addColumn('ack_code', 'text', (column) => column.notNull())
    .addColumn('sent_at', 'bigint', (column) => column.notNull())
    .addColumn('acknowledged_at', 'bigint')
    .addColumn('acknowledged_via', 'text')
    .execute();
  await db.schema
    .createIndex('incident_pages_round_idx')
    .on('incident_pages')
    .columns(['incident_id', 'round', 'member_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('incident_pages_member_idx')
    .on('incident_pages')
    .columns(['member_id', 'sent_at'])
    .execute();
  await db.schema.createIndex('incident_pages_sent_idx').on('incident_pages').column('sent_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('incident_pages').execute();
  await db.schema.dropTable('rota_exceptions').execute();
  await db.schema.dropTable('rota_shifts').execute();
}
