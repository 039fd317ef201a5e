import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import type { DialectName } from '../../../platform/database/database.ts';
import type { Database } from '../../../platform/database/schema.ts';

/**
 * One transaction for all the counters of an intake check: one commit (one disk flush) instead of
 * one per layer. A counter is not a record: losing the last few takes in a PostgreSQL crash is
 * harmless, so the commit does not wait for the disk (about half the cost of a check).
 */
export function inCounterTransaction<T>(
  db: Kysely<Database>,
  dialect: DialectName,
  work: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    if (dialect === 'postgres') await sql`set local synchronous_commit = off`.execute(trx);
    return work(trx);
  });
}
