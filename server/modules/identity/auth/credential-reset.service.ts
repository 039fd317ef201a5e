import type { Transaction } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import { deleteSignInFactorsOf } from './credential.repository.ts';
import { revokeSessionsOfMember } from './session.repository.ts';

export interface CredentialReset {
  sessionsEnded: number;
  totpRemoved: boolean;
  passkeysRemoved: number;
}

/**
 * Ends every session of the member and removes their TOTP, passkeys, pending sign-ins and open
 * WebAuthn challenges, inside the caller's transaction (account recovery: whoever held the old
 * factors or a session must not keep access). The password is the caller's business.
 */
export async function resetSignInFactors(
  trx: Transaction<Database>,
  memberId: string,
  now: number,
): Promise<CredentialReset> {
  const sessionsEnded = await revokeSessionsOfMember(trx, memberId, now);
  return { sessionsEnded, ...(await deleteSignInFactorsOf(trx, memberId)) };
}
