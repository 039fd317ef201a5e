import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import type {
  TotpCredentialsTable,
  WebauthnChallengesTable,
  WebauthnCredentialsTable,
} from './auth.tables.ts';

export async function findTotpCredential(
  db: Kysely<Database>,
  memberId: string,
): Promise<TotpCredentialsTable | undefined> {
  return db.selectFrom('totp_credentials').selectAll().where('member_id', '=', memberId).executeTakeFirst();
}

/** Replaces an unconfirmed secret (a second enroll restarts); never touches a confirmed one. */
export async function saveUnconfirmedTotp(db: Kysely<Database>, row: TotpCredentialsTable): Promise<void> {
  await db
    .deleteFrom('totp_credentials')
    .where('member_id', '=', row.member_id)
    .where('confirmed_at', 'is', null)
    .execute();
  await db.insertInto('totp_credentials').values(row).execute();
}

/**
 * Records `step` as used if it is newer than the last used one; false when it is not, or another
 * request claimed it first. This one conditional update is what makes every code single use.
 */
export async function claimTotpStep(
  db: Kysely<Database>,
  memberId: string,
  step: number,
  options: { confirmAt?: number } = {},
): Promise<boolean> {
  let query = db
    .updateTable('totp_credentials')
    .set({
      last_used_step: step,
      ...(options.confirmAt === undefined ? {} : { confirmed_at: options.confirmAt }),
    })
    .where('member_id', '=', memberId)
    .where((eb) => eb.or([eb('last_used_step', 'is', null), eb('last_used_step', '<', step)]));
  query = query.where('confirmed_at', options.confirmAt === undefined ? 'is not' : 'is', null);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteTotp(db: Kysely<Database>, memberId: string): Promise<boolean> {
  const result = await db.deleteFrom('totp_credentials').where('member_id', '=', memberId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function listPasskeysOf(
  db: Kysely<Database>,
  memberId: string,
): Promise<WebauthnCredentialsTable[]> {
  return db
    .selectFrom('webauthn_credentials')
    .selectAll()
    .where('member_id', '=', memberId)
    .orderBy('created_at')
    .execute();
}

export async function findPasskey(
  db: Kysely<Database>,
  id: string,
): Promise<WebauthnCredentialsTable | undefined> {
  return db.selectFrom('webauthn_credentials').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertPasskey(db: Kysely<Database>, row: WebauthnCredentialsTable): Promise<void> {
  await db.insertInto('webauthn_credentials').values(row).execute();
}

export async function recordPasskeyUse(
  db: Kysely<Database>,
  id: string,
  counter: number,
  now: number,
): Promise<void> {
  await db
    .updateTable('webauthn_credentials')
    .set({ counter, last_used_at: now })
    .where('id', '=', id)
    .execute();
}

/** Sets the (encrypted) name of one of the member's passkeys; false when they have no such passkey. */
export async function renamePasskeyOf(
  db: Kysely<Database>,
  memberId: string,
  id: string,
  nameEnc: string,
): Promise<boolean> {
  const result = await db
    .updateTable('webauthn_credentials')
    .set({ name_enc: nameEnc })
    .where('id', '=', id)
    .where('member_id', '=', memberId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deletePasskeyOf(db: Kysely<Database>, memberId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('webauthn_credentials')
    .where('id', '=', id)
    .where('member_id', '=', memberId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export async function insertChallenge(
  db: Kysely<Database>,
  row: WebauthnChallengesTable,
  now: number,
): Promise<void> {
  await db.deleteFrom('webauthn_challenges').where('expires_at', '<=', now).execute();
  await db.insertInto('webauthn_challenges').values(row).execute();
}

/**
 * Deletes the live challenge with this value, purpose and member (null: issued to nobody yet, for a
 * passwordless sign-in). True only for the one request that deleted it: a challenge is single use.
 */
export async function consumeChallenge(
  db: Kysely<Database>,
  input: {
    challenge: string;
    purpose: WebauthnChallengesTable['purpose'];
    memberId: string | null;
    now: number;
  },
): Promise<boolean> {
  const result = await db
    .deleteFrom('webauthn_challenges')
    .where('challenge', '=', input.challenge)
    .where('purpose', '=', input.purpose)
    .where('member_id', input.memberId === null ? 'is' : '=', input.memberId)
    .where('expires_at', '>', input.now)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export async function deleteExpiredWebauthnChallenges(db: Kysely<Database>, now: number): Promise<number> {
  const result = await db.deleteFrom('webauthn_challenges').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Removes the member's TOTP, passkeys, pending sign-ins and open WebAuthn challenges (recovery). */
export async function deleteSignInFactorsOf(
  trx: Kysely<Database>,
  memberId: string,
): Promise<{ totpRemoved: boolean; passkeysRemoved: number }> {
  const totp = await trx.deleteFrom('totp_credentials').where('member_id', '=', memberId).executeTakeFirst();
  const passkeys = await trx
    .deleteFrom('webauthn_credentials')
    .where('member_id', '=', memberId)
    .executeTakeFirst();
  await trx.deleteFrom('pending_sign_ins').where('member_id', '=', memberId).execute();
  await trx.deleteFrom('webauthn_challenges').where('member_id', '=', memberId).execute();
  return { totpRemoved: Number(totp.numDeletedRows) > 0, passkeysRemoved: Number(passkeys.numDeletedRows) };
}
