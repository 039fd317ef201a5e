import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import type { Role } from './member.contract.ts';
import type { PrivilegeGrantsTable, PrivilegeRevocationsTable } from './privilege.tables.ts';

export async function insertPrivilegeGrants(
  db: Kysely<Database>,
  rows: PrivilegeGrantsTable[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('privilege_grants').values(rows).execute();
}

export async function insertPrivilegeRevocations(
  db: Kysely<Database>,
  rows: PrivilegeRevocationsTable[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('privilege_revocations').values(rows).execute();
}

export async function listPendingPrivilegeGrantsOfMember(
  db: Kysely<Database>,
  memberId: string,
): Promise<PrivilegeGrantsTable[]> {
  return db
    .selectFrom('privilege_grants')
    .selectAll()
    .where('member_id', '=', memberId)
    .where('state', '=', 'pending')
    .execute();
}

export async function listPendingPrivilegeGrants(
  db: Kysely<Database>,
  networkId: string,
): Promise<PrivilegeGrantsTable[]> {
  return db
    .selectFrom('privilege_grants')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('state', '=', 'pending')
    .orderBy('requested_at')
    .orderBy('id')
    .limit(200)
    .execute();
}

export async function findPrivilegeGrant(
  db: Kysely<Database>,
  networkId: string,
  grantId: string,
): Promise<PrivilegeGrantsTable | undefined> {
  return db
    .selectFrom('privilege_grants')
    .selectAll()
    .where('id', '=', grantId)
    .where('network_id', '=', networkId)
    .executeTakeFirst();
}

/** Conditional update: only a pending grant is decided, once. */
export async function decidePrivilegeGrant(
  db: Kysely<Database>,
  grantId: string,
  decision: { state: 'approved' | 'withdrawn'; decidedBy: string | null; now: number },
): Promise<boolean> {
  const result = await db
    .updateTable('privilege_grants')
    .set({ state: decision.state, decided_by: decision.decidedBy, decided_at: decision.now })
    .where('id', '=', grantId)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Whether the member held, was granted or is waiting for one of `roles` since `since`: a current
 * grant, a privilege request (pending or approved) made since, or a privileged role that ended since.
 */
export async function wasPrivilegedSince(
  db: Kysely<Database>,
  memberId: string,
  roles: readonly Role[],
  since: number,
): Promise<boolean> {
  const current = await db
    .selectFrom('member_roles')
    .select('id')
    .where('member_id', '=', memberId)
    .where('role', 'in', roles)
    .executeTakeFirst();
  if (current) return true;
  const requested = await db
    .selectFrom('privilege_grants')
    .select('id')
    .where('member_id', '=', memberId)
    .where('role', 'in', roles)
    .where((eb) => eb.or([eb('state', '=', 'pending'), eb('decided_at', '>=', since)]))
    .executeTakeFirst();
  if (requested) return true;
  const ended = await db
    .selectFrom('privilege_revocations')
    .select('id')
    .where('member_id', '=', memberId)
    .where('role', 'in', roles)
    .where('revoked_at', '>=', since)
    .executeTakeFirst();
  return ended !== undefined;
}

/** The member's grants of `roles` whose cooling-off has ended at `now` (or never had one). */
/** The member's grants of these roles, each with its area (null: every area) and cooling-off end. */
export async function listGrantsWithCoolingOff(
  db: Kysely<Database>,
  memberId: string,
  roles: readonly Role[],
): Promise<{ areaId: string | null; coolingOffUntil: number | null }[]> {
  const rows = await db
    .selectFrom('member_roles')
    .select(['area_id', 'cooling_off_until'])
    .where('member_id', '=', memberId)
    .where('role', 'in', roles)
    .execute();
  return rows.map((row) => ({ areaId: row.area_id, coolingOffUntil: row.cooling_off_until ?? null }));
}

export async function listMemberNames(
  db: Kysely<Database>,
  memberIds: readonly string[],
): Promise<{ id: string; display_name_enc: string }[]> {
  if (memberIds.length === 0) return [];
  return db
    .selectFrom('members')
    .select(['id', 'display_name_enc'])
    .where('id', 'in', [...new Set(memberIds)])
    .execute();
}
