import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DialectName } from '../../server/platform/database/database.ts';
import type { Database } from '../../server/platform/database/schema.ts';

/** For tamper tests: what an attacker with DDL rights does first, switch off the append-only triggers. */
export async function disableAppendOnlyGuards(db: Kysely<Database>, dialect: DialectName): Promise<void> {
  if (dialect === 'postgres') {
    await sql`alter table audit_log disable trigger user`.execute(db);
  } else {
    await sql`drop trigger if exists audit_log_no_update`.execute(db);
    await sql`drop trigger if exists audit_log_no_delete`.execute(db);
  }
}
