import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import { activeMembersHoldingRole, listAreaNames, listRoleGrantsOf } from '../../identity/index.ts';
import type { ExceptionRule, ShiftRule } from './on-duty.ts';
import type { RotaRole } from './rota.contract.ts';
import type { RotaExceptionsTable, RotaShiftsTable } from './rota.tables.ts';

export type ShiftRow = RotaShiftsTable;
export type ExceptionRow = RotaExceptionsTable;

export async function insertShift(db: Kysely<Database>, row: ShiftRow): Promise<void> {
  await db.insertInto('rota_shifts').values(row).execute();
}

export async function insertException(db: Kysely<Database>, row: ExceptionRow): Promise<void> {
  await db.insertInto('rota_exceptions').values(row).execute();
}

export async function findShift(db: Kysely<Database>, id: string): Promise<ShiftRow | undefined> {
  return db.selectFrom('rota_shifts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findException(db: Kysely<Database>, id: string): Promise<ExceptionRow | undefined> {
  return db.selectFrom('rota_exceptions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteShift(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('rota_shifts').where('id', '=', id).execute();
}

/** Deletes an exception, and the other half of its swap. */
export async function deleteException(db: Kysely<Database>, row: ExceptionRow): Promise<void> {
  let query = db.deleteFrom('rota_exceptions').where('network_id', '=', row.network_id);
  query = row.swap_id ? query.where('swap_id', '=', row.swap_id) : query.where('id', '=', row.id);
  await query.execute();
}

export async function listShifts(db: Kysely<Database>, networkId: string, role?: RotaRole) {
  let query = db.selectFrom('rota_shifts').selectAll().where('network_id', '=', networkId);
  if (role) query = query.where('role', '=', role);
  return query.orderBy('weekday').orderBy('start_minute').orderBy('id').execute();
}

/** Exceptions that overlap [from, to). */
export async function listExceptions(
  db: Kysely<Database>,
  input: { networkId: string; role?: RotaRole; from: number; to: number },
) {
  let query = db
    .selectFrom('rota_exceptions')
    .selectAll()
    .where('network_id', '=', input.networkId)
    .where('ends_at', '>', input.from)
    .where('starts_at', '<', input.to);
  if (input.role) query = query.where('role', '=', input.role);
  return query.orderBy('starts_at').orderBy('id').execute();
}

/** Active members holding the role anywhere in the network, with the areas of their grants. */
export async function loadRoleHolders(
  db: Kysely<Database>,
  networkId: string,
  role: RotaRole,
): Promise<Map<string, (string | null)[]>> {
  const areas = await listAreaNames(db, networkId);
  const active = await activeMembersHoldingRole(db, {
    networkId,
    role,
    areaIds: areas.map((area) => area.id),
  }).execute();
  const grants = await listRoleGrantsOf(
    db,
    active.map((member) => member.id),
    role,
  );
  const holders = new Map<string, (string | null)[]>();
  for (const grant of grants) {
    holders.set(grant.member_id, [...(holders.get(grant.member_id) ?? []), grant.area_id]);
  }
  return holders;
}

export function toShiftRule(row: ShiftRow): ShiftRule {
  return {
    memberId: row.member_id,
    role: row.role,
    areaId: row.area_id,
    weekday: row.weekday,
    startMinute: row.start_minute,
    endMinute: row.end_minute,
  };
}

export function toExceptionRule(row: ExceptionRow): ExceptionRule {
  return {
    memberId: row.member_id,
    role: row.role,
    areaId: row.area_id,
    kind: row.kind,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
  };
}

/** Deletes exceptions that ended before `before` (retention). */
export async function deleteExceptionsEndedBefore(db: Kysely<Database>, before: number): Promise<number> {
  const result = await db.deleteFrom('rota_exceptions').where('ends_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
