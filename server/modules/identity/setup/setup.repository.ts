import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import type { DialectName } from '../../../platform/database/database.ts';
import type { Database } from '../../../platform/database/schema.ts';
import type { SetupTokensTable } from './setup.tables.ts';

export async function replaceUnusedSetupTokens(trx: Kysely<Database>, row: SetupTokensTable): Promise<void> {
  await trx.deleteFrom('setup_tokens').where('used_at', 'is', null).where('network_id', 'is', null).execute();
  await trx.insertInto('setup_tokens').values(row).execute();
}

export async function findSetupToken(
  db: Kysely<Database>,
  tokenHash: string,
): Promise<SetupTokensTable | undefined> {
  return db.selectFrom('setup_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** Marks the token used if it still can be; false when it was used, replaced or expired meanwhile. */
export async function consumeSetupToken(
  trx: Kysely<Database>,
  tokenHash: string,
  now: number,
): Promise<boolean> {
  const result = await trx
    .updateTable('setup_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The first network's unused links (links for an operator-made network's admin stay). */
export async function deleteUnusedSetupTokens(trx: Kysely<Database>): Promise<void> {
  await trx.deleteFrom('setup_tokens').where('used_at', 'is', null).where('network_id', 'is', null).execute();
}

export async function insertSetupToken(trx: Kysely<Database>, row: SetupTokensTable): Promise<void> {
  await trx.insertInto('setup_tokens').values(row).execute();
}

/** One setup at a time across processes (the browser link and the command line may race). */
export async function lockSetup(trx: Transaction<Database>, dialect: DialectName): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(hashtext('amparo:setup'))`.execute(trx);
}

export async function deleteSpentSetupTokens(db: Kysely<Database>, now: number): Promise<number> {
  const result = await db
    .deleteFrom('setup_tokens')
    .where((where) => where.or([where('used_at', 'is not', null), where('expires_at', '<=', now)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
