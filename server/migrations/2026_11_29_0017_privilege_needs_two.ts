import type { Kysely } from 'kysely';

// Frozen: do not import application code here.
// One person never becomes two (docs/adr/0019-privilege-needs-two.md):
// - granting coordinator or admin is a pending request a second, different admin approves;
// - privileged roles that end are remembered for 30 days, so recovering such a member needs a
//   second approver too;
// - a grant made by such an approval carries the end of its cooling-off (no alert approvals).

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('privilege_grants')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('network_id', 'text', (column) => column.notNull().references('networks.id'))
    .addColumn('member_id', 'text', (column) => column.notNull().references('members.id'))
    .addColumn('role', 'text', (column) => column.notNull())
    .addColumn('area_id', 'text')
    // 'pending', 'approved' or 'withdrawn' (the roles were replaced before approval).
    .addColumn('state', 'text', (column) => column.notNull())
    .addColumn('requested_by', 'text', (column) => column.notNull().references('members.id'))
    .addColumn('requested_at', 'bigint', (column) => column.notNull())
    .addColumn('decided_by', 'text', (column) => column.references('members.id'))
    .addColumn('decided_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('privilege_grants_network_idx')
    .on('privilege_grants')
    .columns(['network_id', 'state', 'requested_at'])
    .execute();
  await db.schema
    .createIndex('privilege_grants_member_idx')
    .on('privilege_grants')
    .columns(['member_id', 'requested_at'])
    .execute();

  await db.schema
    .createTable('privilege_revocations')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('network_id', 'text', (column) => column.notNull().references('networks.id'))
    .addColumn('member_id', 'text', (column) => column.notNull().references('members.id'))
    .addColumn('role', 'text', (column) => column.notNull())
    .addColumn('revoked_at', 'bigint', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('privilege_revocations_member_idx')
    .on('privilege_revocations')
    .columns(['member_id', 'revoked_at'])
    .execute();

  // Null: no cooling-off (grants made before, at setup, or of other roles).
  await db.schema.alterTable('member_roles').addColumn('cooling_off_until', 'bigint').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('member_roles').dropColumn('cooling_off_until').execute();
  await db.schema.dropTable('privilege_revocations').execute();
  await db.schema.dropTable('privilege_grants').execute();
}
