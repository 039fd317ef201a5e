import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import type { MemberAccounts, PrincipalGrants } from '../auth/index.ts';

/**
 * Members' side of auth's `MemberAccounts` (identity/auth/member-accounts.ts): the reads and the
 * one write auth needs of the members tables, handed to auth by the composition root.
 */
export const memberAccounts: MemberAccounts = {
  async loadPrincipalGrants(db, memberId): Promise<PrincipalGrants | undefined> {
    const [member, roles] = await Promise.all([
      db.selectFrom('members').select(['network_id', 'status']).where('id', '=', memberId).executeTakeFirst(),
      db
        .selectFrom('member_roles')
        .select(['role', 'area_id as areaId'])
        .where('member_id', '=', memberId)
        .execute(),
    ]);
    return member ? { networkId: member.network_id, status: member.status, roles } : undefined;
  },

  findForSignIn(db: Kysely<Database>, emailIndex: string) {
    return db
      .selectFrom('members')
      .select(['id', 'network_id as networkId', 'status', 'password_hash as passwordHash'])
      .where('email_index', '=', emailIndex)
      .executeTakeFirst();
  },

  findContact(db, memberId) {
    return db
      .selectFrom('members')
      .select(['email_enc as emailEnc', 'display_name_enc as displayNameEnc'])
      .where('id', '=', memberId)
      .executeTakeFirstOrThrow();
  },

  async setPasswordHash(db, memberId, passwordHash) {
    await db.updateTable('members').set({ password_hash: passwordHash }).where('id', '=', memberId).execute();
  },
};
