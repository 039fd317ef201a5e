import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import type { InvitationsTable } from './member.tables.ts';

export async function insertInvitation(trx: Kysely<Database>, row: InvitationsTable): Promise<void> {
  await trx.insertInto('invitations').values(row).execute();
}

export async function findInvitationByTokenHash(
  db: Kysely<Database>,
  tokenHash: string,
): Promise<InvitationsTable | undefined> {
  return db.selectFrom('invitations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function findInvitationInNetwork(
  db: Kysely<Database>,
  networkId: string,
  invitationId: string,
): Promise<InvitationsTable | undefined> {
  return db
    .selectFrom('invitations')
    .selectAll()
    .where('id', '=', invitationId)
    .where('network_id', '=', networkId)
    .executeTakeFirst();
}

/** Not used, not revoked, not expired; newest first. */
export async function listPendingInvitations(
  db: Kysely<Database>,
  networkId: string,
  now: number,
): Promise<InvitationsTable[]> {
  return db
    .selectFrom('invitations')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(500)
    .execute();
}

/** Claims the invitation for `memberId`; false when someone else claimed or revoked it first. */
export async function claimInvitation(
  trx: Kysely<Database>,
  invitationId: string,
  memberId: string,
  now: number,
): Promise<boolean> {
  const result = await trx
    .updateTable('invitations')
    .set({ used_at: now, used_by: memberId })
    .where('id', '=', invitationId)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function markInvitationRevoked(
  trx: Kysely<Database>,
  invitationId: string,
  now: number,
): Promise<boolean> {
  const result = await trx
    .updateTable('invitations')
    .set({ revoked_at: now })
    .where('id', '=', invitationId)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Invitations expired, used or revoked before `before`. */
export async function deleteSpentInvitations(db: Kysely<Database>, before: number): Promise<number> {
  const result = await db
    .deleteFrom('invitations')
    .where((where) =>
      where.or([
        where('expires_at', '<', before),
        where('used_at', '<', before),
        where('revoked_at', '<', before),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
