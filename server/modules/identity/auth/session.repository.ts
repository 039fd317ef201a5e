import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import type { SecondFactorMethod, SessionsTable } from './auth.tables.ts';

export async function insertSession(db: Kysely<Database>, session: SessionsTable): Promise<void> {
  await db.insertInto('sessions').values(session).execute();
}

export async function findLiveSessionByTokenHash(db: Kysely<Database>, tokenHash: string) {
  return db
    .selectFrom('sessions')
    .select([
      'id as sessionId',
      'member_id as memberId',
      'network_id as networkId',
      'created_at as createdAt',
      'last_seen_at as lastSeenAt',
      'expires_at as expiresAt',
      'second_factor_at as secondFactorAt',
      'second_factor_method as secondFactorMethod',
    ])
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

/** Which second factors the member has enrolled: a confirmed TOTP, at least one passkey. */
export async function findEnrolledSecondFactors(
  db: Kysely<Database>,
  memberId: string,
): Promise<{ hasTotp: boolean; hasPasskey: boolean }> {
  const [totp, passkey] = await Promise.all([
    db
      .selectFrom('totp_credentials')
      .select('member_id')
      .where('member_id', '=', memberId)
      .where('confirmed_at', 'is not', null)
      .executeTakeFirst(),
    db
      .selectFrom('webauthn_credentials')
      .select('id')
      .where('member_id', '=', memberId)
      .limit(1)
      .executeTakeFirst(),
  ]);
  return { hasTotp: totp !== undefined, hasPasskey: passkey !== undefined };
}

export async function touchSession(db: Kysely<Database>, sessionId: string, now: number): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', sessionId).execute();
}

export async function revokeSession(db: Kysely<Database>, sessionId: string, now: number): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: now }).where('id', '=', sessionId).execute();
}

export async function revokeSessionsOfMember(
  db: Kysely<Database>,
  memberId: string,
  now: number,
): Promise<number> {
  const result = await db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('member_id', '=', memberId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function markSecondFactor(
  db: Kysely<Database>,
  sessionId: string,
  now: number,
  method: SecondFactorMethod,
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ second_factor_at: now, second_factor_method: method })
    .where('id', '=', sessionId)
    .execute();
}

/** Ends whatever session this token belongs to (the one a sign-in replaces). */
export async function revokeSessionByTokenHash(
  db: Kysely<Database>,
  tokenHash: string,
  now: number,
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Sessions of the member that still work at `now`: not revoked, not expired, not idle. */
export async function listLiveSessionsOf(
  db: Kysely<Database>,
  memberId: string,
  now: number,
  idleTimeoutMs: number,
) {
  return db
    .selectFrom('sessions')
    .select(['id', 'created_at as createdAt', 'last_seen_at as lastSeenAt', 'expires_at as expiresAt'])
    .where('member_id', '=', memberId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .where('last_seen_at', '>', now - idleTimeoutMs)
    .orderBy('created_at', 'desc')
    .execute();
}

/** Sessions past their absolute expiry, and revoked ones (they can never be used again). */
export async function deleteDeadSessions(db: Kysely<Database>, now: number): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where((where) => where.or([where('expires_at', '<=', now), where('revoked_at', 'is not', null)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
