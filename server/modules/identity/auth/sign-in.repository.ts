import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import type { PendingSignInsTable } from './auth.tables.ts';

export async function insertPendingSignIn(db: Kysely<Database>, row: PendingSignInsTable): Promise<void> {
  await db.deleteFrom('pending_sign_ins').where('expires_at', '<=', row.created_at).execute();
  await db.insertInto('pending_sign_ins').values(row).execute();
}

export async function findPendingSignIn(db: Kysely<Database>, tokenHash: string, now: number) {
  return db
    .selectFrom('pending_sign_ins')
    .select(['id', 'member_id as memberId', 'network_id as networkId', 'failed_attempts as failedAttempts'])
    .where('token_hash', '=', tokenHash)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

/** Deletes the pending sign-in; false when another request used it first (single use). */
export async function consumePendingSignIn(db: Kysely<Database>, id: string): Promise<boolean> {
  const result = await db.deleteFrom('pending_sign_ins').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** Counts a wrong code; at `maxFailures` the pending sign-in is deleted and the password is needed again. */
export async function recordPendingFailure(
  db: Kysely<Database>,
  id: string,
  maxFailures: number,
): Promise<void> {
  await db
    .updateTable('pending_sign_ins')
    .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
    .where('id', '=', id)
    .execute();
  await db
    .deleteFrom('pending_sign_ins')
    .where('id', '=', id)
    .where('failed_attempts', '>=', maxFailures)
    .execute();
}

export async function deleteExpiredPendingSignIns(db: Kysely<Database>, now: number): Promise<number> {
  const result = await db.deleteFrom('pending_sign_ins').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
