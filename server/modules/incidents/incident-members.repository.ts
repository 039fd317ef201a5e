import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/database/schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/** Encrypted display names of the members holding claims or writing notes (decrypted by the caller). */
export async function findMemberNames(db: Executor, networkId: string, memberIds: readonly string[]) {
  if (memberIds.length === 0) return [];
  return db
    .selectFrom('members')
    .select(['id', 'display_name_enc'])
    .where('network_id', '=', networkId)
    .where('id', 'in', [...new Set(memberIds)])
    .execute();
}
