import type { Kysely } from 'kysely';

// Frozen: do not import application code here.
// Columns ending in _enc hold AEAD ciphertext envelopes; _index columns hold keyed blind indexes.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('networks')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('slug', 'text', (column) => column.notNull().unique())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('timezone', 'text', (column) => column.notNull())
    .addColumn('languages', 'text', (column) => column.notNull())
    .addColumn('settings', 'text', (column) => column.notNull().defaultTo('{}'))
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .execute();

  await db.schema
    .createTable('areas')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('network_id', 'text', (column) => column.notNull().references('networks.id'))
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('definition', 'text', (column) => column.notNull())
    .addColumn('geometry', 'text', (column) => column.notNull())
    .addColumn('min_lat', 'double precision', (column) => column.notNull())
    .addColumn('min_lon', 'double precision', (column) => column.notNull())
    .addColumn('max_lat', 'double precision', (column) => column.notNull())
    .addColumn('max_lon', 'double precision', (column) => column.notNull())
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('areas_network_idx').on('areas').column('network_id').execute();

  await db.schema
    .createTable('members')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('network_id', 'text', (column) => column.notNull().references('networks.id'))
    .addColumn('display_name_enc', 'text', (column) => column.notNull())
    .addColumn('email_enc', 'text', (column) => column.notNull())
    .addColumn('email_index', 'text', (column) => column.notNull().unique())
    .addColumn('password_hash', 'text')
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('is_exercise_recipient', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('languages', 'text', (column) => column.notNull().defaultTo('[]'))
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('vetted_at', 'bigint')
    .addColumn('removed_at', 'bigint')
    .execute();
  await db.schema.createIndex('members_network_idx').on('members').column('network_id').execute();

  await db.schema
    .createTable('member_roles')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('network_id', 'text', (column) => column.notNull().references('networks.id'))
    .addColumn('member_id', 'text', (column) => column.notNull().references('members.id'))
    .addColumn('role', 'text', (column) => column.notNull())
    // null: the role applies in every area of the network.
    .addColumn('area_id', 'text', (column) => column.references('areas.id'))
    .addColumn('granted_by', 'text')
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('member_roles_member_idx').on('member_roles').column('member_id').execute();

  await db.schema
    .createTable('member_vettings')
    .addColumn('member_id', 'text', (column) => column.notNull().references('members.id'))
    .addColumn('coordinator_id', 'text', (column) => column.notNull().references('members.id'))
    .addColumn('network_id', 'text', (column) => column.notNull())
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addPrimaryKeyConstraint('member_vettings_pk', ['member_id', 'coordinator_id'])
    .execute();

  await db.schema
    .createTable('invitations')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('network_id', 'text', (column) => column.notNull().references('networks.id'))
    .addColumn('token_hash', 'text', (column) => column.notNull().unique())
    .addColumn('roles', 'text', (column) => column.notNull())
    .addColumn('created_by', 'text', (column) => column.notNull())
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('expires_at', 'bigint', (column) => column.notNull())
    .addColumn('used_at', 'bigint')
    .addColumn('used_by', 'text')
    .addColumn('revoked_at', 'bigint')
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('token_hash', 'text', (column) => column.notNull().unique())
    .addColumn('member_id', 'text', (column) => column.notNull().references('members.id'))
    .addColumn('network_id', 'text', (column) => column.notNull())
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('last_seen_at', 'bigint', (column) => column.notNull())
    .addColumn('expires_at', 'bigint', (column) => column.notNull())
    // When the member last proved a second factor (passkey or TOTP) in this session.
    .addColumn('second_factor_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .execute();
  await db.schema.createIndex('sessions_member_idx').on('sessions').column('member_id').execute();

  await db.schema
    .createTable('totp_credentials')
    .addColumn('member_id', 'text', (column) => column.primaryKey().references('members.id'))
    .addColumn('secret_enc', 'text', (column) => column.notNull())
    .addColumn('last_used_step', 'bigint')
    .addColumn('confirmed_at', 'bigint')
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .execute();

  await db.schema
    .createTable('webauthn_credentials')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('member_id', 'text', (column) => column.notNull().references('members.id'))
    .addColumn('public_key', 'text', (column) => column.notNull())
    .addColumn('counter', 'bigint', (column) => column.notNull())
    .addColumn('transports', 'text', (column) => column.notNull().defaultTo('[]'))
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('last_used_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('webauthn_credentials_member_idx')
    .on('webauthn_credentials')
    .column('member_id')
    .execute();

  await db.schema
    .createTable('webauthn_challenges')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('member_id', 'text')
    .addColumn('challenge', 'text', (column) => column.notNull())
    .addColumn('purpose', 'text', (column) => column.notNull())
    .addColumn('expires_at', 'bigint', (column) => column.notNull())
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (column) => column.primaryKey())
    // '-' is the deployment-wide chain (events outside any network).
    .addColumn('chain', 'text', (column) => column.notNull())
    .addColumn('seq', 'bigint', (column) => column.notNull())
    .addColumn('actor_member_id', 'text')
    .addColumn('action', 'text', (column) => column.notNull())
    .addColumn('object_type', 'text')
    .addColumn('object_id', 'text')
    .addColumn('metadata', 'text', (column) => column.notNull().defaultTo('{}'))
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('prev_hash', 'text', (column) => column.notNull())
    .addColumn('hash', 'text', (column) => column.notNull())
    .addUniqueConstraint('audit_log_chain_seq_unique', ['chain', 'seq'])
    .execute();
  await db.schema.createIndex('audit_log_action_idx').on('audit_log').columns(['chain', 'action']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'audit_log',
    'webauthn_challenges',
    'webauthn_credentials',
    'totp_credentials',
    'sessions',
    'invitations',
    'member_vettings',
    'member_roles',
    'members',
    'areas',
    'networks',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
