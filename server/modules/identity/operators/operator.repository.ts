import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import type { OperatorSessionsTable, OperatorsTable } from './operator.tables.ts';

export async function insertOperator(trx: Kysely<Database>, row: OperatorsTable): Promise<void> {
  await trx.insertInto('operators').values(row).execute();
}

export async function findOperatorByEmailIndex(
  db: Kysely<Database>,
  emailIndex: string,
): Promise<OperatorsTable | undefined> {
  return db.selectFrom('operators').selectAll().where('email_index', '=', emailIndex).executeTakeFirst();
}

export async function findOperatorById(
  db: Kysely<Database>,
  operatorId: string,
): Promise<OperatorsTable | undefined> {
  return db.selectFrom('operators').selectAll().where('id', '=', operatorId).executeTakeFirst();
}

export async function findOperatorBySetupToken(
  db: Kysely<Database>,
  tokenHash: string,
): Promise<OperatorsTable | undefined> {
  return db.selectFrom('operators').selectAll().where('setup_token_hash', '=', tokenHash).executeTakeFirst();
}

/** A new setup link replaces any unused one (and works only while no password is set). */
export async function setOperatorSetupToken(
  trx: Kysely<Database>,
  operatorId: string,
  token: { hash: string; expiresAt: number; totpSecretEnc: string },
): Promise<void> {
  await trx
    .updateTable('operators')
    .set({
      setup_token_hash: token.hash,
      setup_expires_at: token.expiresAt,
      totp_secret_enc: token.totpSecretEnc,
      totp_last_step: null,
    })
    .where('id', '=', operatorId)
    .execute();
}

/** Uses the setup link once: false when it was used or replaced meanwhile. */
export async function completeOperatorSetupRow(
  trx: Kysely<Database>,
  operatorId: string,
  change: { tokenHash: string; passwordHash: string; totpStep: number },
): Promise<boolean> {
  const result = await trx
    .updateTable('operators')
    .set({
      password_hash: change.passwordHash,
      totp_last_step: change.totpStep,
      setup_token_hash: null,
      setup_expires_at: null,
    })
    .where('id', '=', operatorId)
    .where('setup_token_hash', '=', change.tokenHash)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Marks an authenticator step used, only if it is newer than the last one (a code works once). */
export async function claimOperatorTotpStep(
  db: Kysely<Database>,
  operatorId: string,
  step: number,
): Promise<boolean> {
  const result = await db
    .updateTable('operators')
    .set({ totp_last_step: step })
    .where('id', '=', operatorId)
    .where((where) => where.or([where('totp_last_step', 'is', null), where('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertOperatorSession(
  trx: Kysely<Database>,
  row: OperatorSessionsTable,
): Promise<void> {
  await trx.insertInto('operator_sessions').values(row).execute();
}

export async function findLiveOperatorSession(
  db: Kysely<Database>,
  tokenHash: string,
): Promise<OperatorSessionsTable | undefined> {
  return db
    .selectFrom('operator_sessions')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function touchOperatorSession(db: Kysely<Database>, sessionId: string, now: number) {
  await db.updateTable('operator_sessions').set({ last_seen_at: now }).where('id', '=', sessionId).execute();
}

export async function revokeOperatorSession(db: Kysely<Database>, sessionId: string, now: number) {
  await db
    .updateTable('operator_sessions')
    .set({ revoked_at: now })
    .where('id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Spent operator sessions (ended or expired) and expired unused setup links. */
export async function deleteSpentOperatorSessions(db: Kysely<Database>, now: number): Promise<number> {
  const result = await db
    .deleteFrom('operator_sessions')
    .where((where) => where.or([where('revoked_at', 'is not', null), where('expires_at', '<=', now)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
