import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import type { MemberRecoveryLinksTable } from './recovery.tables.ts';

export async function insertRecoveryLink(
  trx: Kysely<Database>,
  row: MemberRecoveryLinksTable,
): Promise<void> {
  await trx.insertInto('member_recovery_links').values(row).execute();
}

export async function findRecoveryLinkByTokenHash(
  db: Kysely<Database>,
  tokenHash: string,
): Promise<MemberRecoveryLinksTable | undefined> {
  return db
    .selectFrom('member_recovery_links')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function findRecoveryLinkOfMember(
  db: Kysely<Database>,
  input: { networkId: string; memberId: string; linkId: string },
): Promise<MemberRecoveryLinksTable | undefined> {
  return db
    .selectFrom('member_recovery_links')
    .selectAll()
    .where('id', '=', input.linkId)
    .where('member_id', '=', input.memberId)
    .where('network_id', '=', input.networkId)
    .executeTakeFirst();
}

/** Voids every link of the member that is neither used nor voided yet; returns their ids. */
export async function voidOpenRecoveryLinks(
  trx: Kysely<Database>,
  memberId: string,
  now: number,
): Promise<string[]> {
  const open = await trx
    .selectFrom('member_recovery_links')
    .select('id')
    .where('member_id', '=', memberId)
    .where('used_at', 'is', null)
    .where('voided_at', 'is', null)
    .execute();
  if (open.length === 0) return [];
  const ids = open.map((row) => row.id);
  await trx.updateTable('member_recovery_links').set({ voided_at: now }).where('id', 'in', ids).execute();
  return ids;
}

/** Records the approval; false when the link was used, voided or approved meanwhile. */
export async function markRecoveryLinkApproved(
  trx: Kysely<Database>,
  input: { linkId: string; approvedBy: string; now: number },
): Promise<boolean> {
  const result = await trx
    .updateTable('member_recovery_links')
    .set({ approved_by: input.approvedBy, approved_at: input.now })
    .where('id', '=', input.linkId)
    .where('approved_at', 'is', null)
    .where('used_at', 'is', null)
    .where('voided_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Consumes the link; false when another request used it, or it was voided, first. */
export async function claimRecoveryLink(
  trx: Kysely<Database>,
  linkId: string,
  now: number,
): Promise<boolean> {
  const result = await trx
    .updateTable('member_recovery_links')
    .set({ used_at: now })
    .where('id', '=', linkId)
    .where('used_at', 'is', null)
    .where('voided_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setMemberPasswordHash(
  trx: Kysely<Database>,
  memberId: string,
  passwordHash: string,
): Promise<void> {
  await trx.updateTable('members').set({ password_hash: passwordHash }).where('id', '=', memberId).execute();
}

/** Links used, voided or expired before `before`: they can never work again. */
export async function deleteSpentRecoveryLinks(db: Kysely<Database>, before: number): Promise<number> {
  const result = await db
    .deleteFrom('member_recovery_links')
    .where((where) =>
      where.or([
        where('used_at', '<', before),
        where('voided_at', '<', before),
        where('expires_at', '<', before),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
