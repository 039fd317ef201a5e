import type { Kysely } from 'kysely';
import type { FieldCrypto } from '../../../platform/crypto/field-crypto.ts';
import type { Database } from '../../../platform/database/schema.ts';
import { findMemberDisplayNamesEnc, memberFieldContexts } from '../../identity/index.ts';

/**
 * Display names of colleagues (claim holders, note authors), so dispatchers see who holds what.
 * Names of colleagues are shown to every dispatcher; contacts never are.
 */
export async function memberNamesById(
  deps: { db: Kysely<Database>; crypto: FieldCrypto },
  networkId: string,
  memberIds: readonly (string | null)[],
): Promise<Map<string, string | null>> {
  const ids = memberIds.filter((id): id is string => id !== null);
  const encrypted = await findMemberDisplayNamesEnc(deps.db, ids, networkId);
  const names = new Map<string, string | null>();
  for (const [id, displayNameEnc] of encrypted) {
    try {
      names.set(id, deps.crypto.decrypt(displayNameEnc, memberFieldContexts.displayName));
    } catch {
      // A name under a retired key still shows who holds the claim, by id.
      names.set(id, null);
    }
  }
  return names;
}
