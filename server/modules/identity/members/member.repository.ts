import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import type { DialectName } from '../../../platform/database/database.ts';
import type { Database } from '../../../platform/database/schema.ts';
import type { MemberRolesTable, MembersTable, Role } from './member.tables.ts';

export interface StoredGrant {
  id: string;
  memberId: string;
  role: Role;
  areaId: string | null;
}

export async function insertMember(trx: Kysely<Database>, row: MembersTable): Promise<void> {
  await trx.insertInto('members').values(row).execute();
}

export async function insertRoleGrants(trx: Kysely<Database>, rows: MemberRolesTable[]): Promise<void> {
  if (rows.length === 0) return;
  await trx.insertInto('member_roles').values(rows).execute();
}

export async function deleteRoleGrants(trx: Kysely<Database>, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await trx.deleteFrom('member_roles').where('id', 'in', ids).execute();
}

export async function isEmailIndexTaken(db: Kysely<Database>, emailIndex: string): Promise<boolean> {
  const row = await db
    .selectFrom('members')
    .select('id')
    .where('email_index', '=', emailIndex)
    .executeTakeFirst();
  return row !== undefined;
}

export async function findMemberInNetwork(
  db: Kysely<Database>,
  networkId: string,
  memberId: string,
): Promise<MembersTable | undefined> {
  return db
    .selectFrom('members')
    .selectAll()
    .where('id', '=', memberId)
    .where('network_id', '=', networkId)
    .executeTakeFirst();
}

/** Members not removed, oldest first. */
export async function listCurrentMembers(db: Kysely<Database>, networkId: string): Promise<MembersTable[]> {
  return db
    .selectFrom('members')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('status', '!=', 'removed')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function listGrantsInNetwork(db: Kysely<Database>, networkId: string): Promise<StoredGrant[]> {
  return db
    .selectFrom('member_roles')
    .select(['id', 'member_id as memberId', 'role', 'area_id as areaId'])
    .where('network_id', '=', networkId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function listGrantsOfMember(db: Kysely<Database>, memberId: string): Promise<StoredGrant[]> {
  return db
    .selectFrom('member_roles')
    .select(['id', 'member_id as memberId', 'role', 'area_id as areaId'])
    .where('member_id', '=', memberId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Active members other than `memberId` who hold the admin role (probationary grants do not count). */
export async function countOtherAdmins(
  trx: Kysely<Database>,
  networkId: string,
  memberId: string,
): Promise<number> {
  const row = await trx
    .selectFrom('member_roles')
    .innerJoin('members', 'members.id', 'member_roles.member_id')
    .select((eb) => eb.fn.count<number>('members.id').distinct().as('count'))
    .where('member_roles.network_id', '=', networkId)
    .where('member_roles.role', '=', 'admin')
    .where('members.status', '=', 'active')
    .where('members.id', '!=', memberId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * Serializes changes to who holds which role in a network, so two admins demoting each other at
 * the same moment cannot leave it with none. SQLite already has a single writer.
 */
export async function lockNetworkMembership(
  trx: Transaction<Database>,
  dialect: DialectName,
  networkId: string,
): Promise<void> {
  if (dialect === 'postgres') {
    await sql`select pg_advisory_xact_lock(hashtext(${`membership:${networkId}`}))`.execute(trx);
  }
}

export async function updateMember(
  trx: Kysely<Database>,
  memberId: string,
  changes: Partial<Pick<MembersTable, 'status' | 'vetted_at' | 'removed_at' | 'is_exercise_recipient'>>,
): Promise<void> {
  await trx.updateTable('members').set(changes).where('id', '=', memberId).execute();
}
