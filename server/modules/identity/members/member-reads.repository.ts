import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import type { Role } from './member.tables.ts';

/*
 * Narrow reads of the members tables for other modules (exported through index.ts), so no other
 * module names `members` or `member_roles` in its own SQL. Each is one statement; the fragment
 * `activeMembersHoldingRole` is a query builder another module joins as a derived table, so its
 * own query stays one SQL statement.
 */

export interface RoleCoverage {
  networkId: string;
  role: Role;
  /** Areas containing the place at hand: a grant limited to one of them covers it, as does a network-wide one. */
  areaIds: readonly string[];
}

/**
 * Active (vetted) members of the network holding `role` network-wide or in one of `areaIds`,
 * as a query (columns `id`, `languages`) to join: `.innerJoin(activeMembersHoldingRole(db, …).as('m'), 'm.id', …)`.
 */
export function activeMembersHoldingRole(db: Kysely<Database>, coverage: RoleCoverage) {
  return db
    .selectFrom('members')
    .select(['members.id', 'members.languages'])
    .where('members.network_id', '=', coverage.networkId)
    .where('members.status', '=', 'active')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('member_roles')
          .select('member_roles.id')
          .whereRef('member_roles.member_id', '=', 'members.id')
          .where('member_roles.role', '=', coverage.role)
          .where((inner) =>
            coverage.areaIds.length === 0
              ? inner('member_roles.area_id', 'is', null)
              : inner.or([
                  inner('member_roles.area_id', 'is', null),
                  inner('member_roles.area_id', 'in', coverage.areaIds),
                ]),
          ),
      ),
    );
}

/** Of `memberIds`, those who are active members of the network holding `role` where it applies. */
export async function filterActiveMembersHoldingRole(
  db: Kysely<Database>,
  coverage: RoleCoverage & { memberIds: readonly string[] },
): Promise<Set<string>> {
  if (coverage.memberIds.length === 0) return new Set();
  const rows = await activeMembersHoldingRole(db, coverage)
    .where('members.id', 'in', coverage.memberIds)
    .execute();
  return new Set(rows.map((row) => row.id));
}

/** Display names (still encrypted) of a few members, by id; only the network's with `networkId`. */
export async function findMemberDisplayNamesEnc(
  db: Kysely<Database>,
  memberIds: readonly string[],
  networkId?: string,
): Promise<Map<string, string>> {
  if (memberIds.length === 0) return new Map();
  let query = db
    .selectFrom('members')
    .select(['id', 'display_name_enc'])
    .where('id', 'in', [...new Set(memberIds)]);
  if (networkId !== undefined) query = query.where('network_id', '=', networkId);
  const rows = await query.execute();
  return new Map(rows.map((row) => [row.id, row.display_name_enc]));
}

/** A member's languages (a JSON array of BCP 47 tags), or null for an unknown member. */
export async function findMemberLanguagesJson(
  db: Kysely<Database>,
  memberId: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('members')
    .select('languages')
    .where('id', '=', memberId)
    .executeTakeFirst();
  return row?.languages ?? null;
}

/** Active members who volunteered for drills, by id after `after`, `limit` at a time. */
export async function listExerciseRecipients(
  db: Kysely<Database>,
  networkId: string,
  after: string | null,
  limit: number,
): Promise<{ id: string; languages: string }[]> {
  let query = db
    .selectFrom('members')
    .select(['id', 'languages'])
    .where('network_id', '=', networkId)
    .where('status', '=', 'active')
    .where('is_exercise_recipient', '=', 1);
  if (after !== null) query = query.where('id', '>', after);
  return query.orderBy('id').limit(limit).execute();
}

export async function countExerciseRecipients(db: Kysely<Database>, networkId: string): Promise<number> {
  const row = await db
    .selectFrom('members')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('network_id', '=', networkId)
    .where('status', '=', 'active')
    .where('is_exercise_recipient', '=', 1)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

/** What an exercise delivery needs to know about its member recipient (email still encrypted). */
export async function findExerciseRecipientContact(
  db: Kysely<Database>,
  memberId: string,
): Promise<
  { network_id: string; status: string; is_exercise_recipient: number; email_enc: string } | undefined
> {
  return db
    .selectFrom('members')
    .select(['network_id', 'status', 'is_exercise_recipient', 'email_enc'])
    .where('id', '=', memberId)
    .executeTakeFirst();
}

/** A member of the network (any status but removed) holding `role` anywhere in it, or undefined. */
export async function findMemberHoldingRole(
  db: Kysely<Database>,
  input: { networkId: string; memberId: string; role: Role },
) {
  return db
    .selectFrom('members')
    .select(['id', 'network_id', 'display_name_enc', 'status', 'languages'])
    .where('id', '=', input.memberId)
    .where('network_id', '=', input.networkId)
    .where('status', '!=', 'removed')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('member_roles')
          .select('member_roles.id')
          .whereRef('member_roles.member_id', '=', 'members.id')
          .where('member_roles.role', '=', input.role),
      ),
    )
    .executeTakeFirst();
}

/**
 * Members of the network (any status but removed) holding `role` network-wide or in one of
 * `areaIds` ('all': any grant), as a query (columns `id`, `display_name_enc`, `status`,
 * `languages`) to select from or join, e.g. the responder roster.
 */
export function membersHoldingRole(
  db: Kysely<Database>,
  input: { networkId: string; role: Role; areaIds: 'all' | readonly string[] },
) {
  return db
    .selectFrom('members')
    .select(['members.id', 'members.display_name_enc', 'members.status', 'members.languages'])
    .where('members.network_id', '=', input.networkId)
    .where('members.status', '!=', 'removed')
    .where((eb) => {
      let grants = eb
        .selectFrom('member_roles')
        .select('member_roles.id')
        .whereRef('member_roles.member_id', '=', 'members.id')
        .where('member_roles.role', '=', input.role);
      if (input.areaIds !== 'all') {
        const areaIds = input.areaIds;
        grants = grants.where((inner) =>
          areaIds.length === 0
            ? inner('member_roles.area_id', 'is', null)
            : inner.or([
                inner('member_roles.area_id', 'is', null),
                inner('member_roles.area_id', 'in', areaIds),
              ]),
        );
      }
      return eb.exists(grants);
    });
}

/** Grants of `role` held by these members: area id, or null for the whole network. */
export async function listRoleGrantsOf(db: Kysely<Database>, memberIds: readonly string[], role: Role) {
  if (memberIds.length === 0) return [];
  return db
    .selectFrom('member_roles')
    .select(['member_id', 'area_id'])
    .where('member_id', 'in', memberIds)
    .where('role', '=', role)
    .execute();
}

/** How many vettings each of these members has (members with none are left out). */
export async function countVettingsOfMembers(db: Kysely<Database>, memberIds: readonly string[]) {
  if (memberIds.length === 0) return [];
  return db
    .selectFrom('member_vettings')
    .select(['member_id', (eb) => eb.fn.countAll<number>().as('count')])
    .where('member_id', 'in', memberIds)
    .groupBy('member_id')
    .execute();
}

/**
 * Whether role grants or pending invitations name the area: networks asks before deleting one.
 * Members owns both tables; networks imports this file directly (not members' index.ts, which
 * imports networks).
 */
export async function isAreaReferenced(
  db: Kysely<Database>,
  networkId: string,
  areaId: string,
  now: number,
): Promise<boolean> {
  const grant = await db
    .selectFrom('member_roles')
    .select('id')
    .where('network_id', '=', networkId)
    .where('area_id', '=', areaId)
    .limit(1)
    .executeTakeFirst();
  if (grant) return true;
  // Invitation grants are JSON text; an id is a UUID, so it has no LIKE wildcards in it.
  const invitation = await db
    .selectFrom('invitations')
    .select('id')
    .where('network_id', '=', networkId)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .where('roles', 'like', `%"${areaId}"%`)
    .limit(1)
    .executeTakeFirst();
  return invitation !== undefined;
}

/** An active member's email (still encrypted) and languages, to reach them as a last resort. */
export async function findActiveMemberEmailEnc(
  db: Kysely<Database>,
  memberId: string,
): Promise<{ email_enc: string; languages: string } | undefined> {
  return db
    .selectFrom('members')
    .select(['email_enc', 'languages'])
    .where('id', '=', memberId)
    .where('status', '=', 'active')
    .executeTakeFirst();
}

/** How many members a network has (not removed): a count for the deployment operator, no names. */
export async function countMembersOfNetwork(db: Kysely<Database>, networkId: string): Promise<number> {
  const row = await db
    .selectFrom('members')
    .select((eb) => eb.fn.countAll<string | number>().as('count'))
    .where('network_id', '=', networkId)
    .where('status', '!=', 'removed')
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}
