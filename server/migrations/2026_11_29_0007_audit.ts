import { sql } from 'kysely';
import type { Kysely } from 'kysely';

// Frozen: do not import application code here.
// Indexes for the admin audit browser, and triggers that make audit_log append-only for the
// application (a stray UPDATE or DELETE fails loudly). They do not stop someone with DDL rights;
// the hash chain is what detects that.

async function isPostgres(db: Kysely<unknown>): Promise<boolean> {
  // version() exists on PostgreSQL only; a failed statement does not abort a SQLite transaction.
  try {
    await sql`select version()`.execute(db);
    return true;
  } catch {
    return false;
  }
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('audit_log_actor_idx')
    .on('audit_log')
    .columns(['chain', 'actor_member_id', 'seq'])
    .execute();
  await db.schema
    .createIndex('audit_log_object_idx')
    .on('audit_log')
    .columns(['chain', 'object_type', 'object_id', 'seq'])
    .execute();
  await db.schema
    .createIndex('audit_log_time_idx')
    .on('audit_log')
    .columns(['chain', 'created_at'])
    .execute();

  if (await isPostgres(db)) {
    await sql`
      create function audit_log_refuse_change() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_log is append-only';
      end
      $$`.execute(db);
    await sql`
      create trigger audit_log_append_only before update or delete on audit_log
      for each row execute function audit_log_refuse_change()`.execute(db);
    await sql`
      create trigger audit_log_no_truncate before truncate on audit_log
      for each statement execute function audit_log_refuse_change()`.execute(db);
    return;
  }
  await sql`
    create trigger audit_log_no_update before update on audit_log
    begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
  await sql`
    create trigger audit_log_no_delete before delete on audit_log
    begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (await isPostgres(db)) {
    await sql`drop trigger audit_log_no_truncate on audit_log`.execute(db);
    await sql`drop trigger audit_log_append_only on audit_log`.execute(db);
    await sql`drop function audit_log_refuse_change()`.execute(db);
  } else {
    await sql`drop trigger audit_log_no_delete`.execute(db);
    await sql`drop trigger audit_log_no_update`.execute(db);
  }
  await db.schema.dropIndex('audit_log_time_idx').execute();
  await db.schema.dropIndex('audit_log_object_idx').execute();
  await db.schema.dropIndex('audit_log_actor_idx').execute();
}
