import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { newId } from '../../../platform/ids/ids.ts';
import { findAreaIdsInNetwork, recordAudit, requireSameNetwork } from '../../identity/index.ts';
import type { Principal } from '../../identity/index.ts';
import { minuteOf } from './on-duty.ts';
import type { AddExceptionInput, AddShiftInput, RotaRole } from './rota.contract.ts';
import { addExceptionSchema, addShiftSchema } from './rota.contract.ts';
import type { RotaDeps } from './rota.deps.ts';
import { requireRotaEditor } from './rota.policy.ts';
import {
  deleteException,
  deleteShift,
  findException,
  findShift,
  insertException,
  insertShift,
  loadRoleHolders,
} from './rota.repository.ts';

/** The member must hold the role (active) where the entry applies; the area must be the network's. */
async function requireRotaTarget(
  deps: RotaDeps,
  networkId: string,
  entry: { memberId: string; role: RotaRole; areaId: string | null },
): Promise<void> {
  if (entry.areaId !== null) {
    const known = await findAreaIdsInNetwork(deps.db, networkId, [entry.areaId]);
    if (!known.has(entry.areaId)) throw new AppError('NOT_FOUND', 'Not found.');
  }
  const grants = (await loadRoleHolders(deps.db, networkId, entry.role)).get(entry.memberId);
  const holdsThere = grants?.some(
    (areaId) => entry.areaId === null || areaId === null || areaId === entry.areaId,
  );
  if (!holdsThere) {
    throw new AppError('ROTA_ROLE_NOT_HELD', 'This member does not hold that role there.');
  }
}

/** Adds a weekly turn (local wall-clock time in the network's zone). */
export async function addShift(deps: RotaDeps, principal: Principal, raw: AddShiftInput) {
  const input = addShiftSchema.parse(raw);
  requireRotaEditor(principal, input);
  await requireRotaTarget(deps, principal.networkId, input);
  const id = newId();
  await inTransaction(deps, async (uow) => {
    await insertShift(uow.trx, {
      id,
      network_id: principal.networkId,
      member_id: input.memberId,
      role: input.role,
      area_id: input.areaId,
      weekday: input.weekday,
      start_minute: minuteOf(input.start),
      end_minute: minuteOf(input.end),
      created_by: principal.memberId,
      created_at: deps.clock.now(),
    });
    await recordAudit(deps, uow.trx, {
      networkId: principal.networkId,
      actorMemberId: principal.memberId,
      action: 'rota.shiftAdded',
      objectType: 'rotaShift',
      objectId: id,
      metadata: { memberId: input.memberId, role: input.role, weekday: input.weekday },
    });
  });
  return { id };
}

export async function removeShift(deps: RotaDeps, principal: Principal, shiftId: string): Promise<void> {
  const shift = await findShift(deps.db, shiftId);
  if (!shift) throw new AppError('NOT_FOUND', 'Not found.');
  requireSameNetwork(principal, shift.network_id);
  requireRotaEditor(principal, { memberId: shift.member_id, role: shift.role, areaId: shift.area_id });
  await inTransaction(deps, async (uow) => {
    await deleteShift(uow.trx, shift.id);
    await recordAudit(deps, uow.trx, {
      networkId: shift.network_id,
      actorMemberId: principal.memberId,
      action: 'rota.shiftRemoved',
      objectType: 'rotaShift',
      objectId: shift.id,
      metadata: { memberId: shift.member_id, role: shift.role },
    });
  });
}

/**
 * Time off, an extra turn, or a swap (time off for `memberId` and an extra turn for
 * `coverMemberId` over the same range, linked so removing one removes both).
 */
export async function addException(deps: RotaDeps, principal: Principal, raw: AddExceptionInput) {
  const input = addExceptionSchema.parse(raw);
  requireRotaEditor(principal, input);
  await requireRotaTarget(deps, principal.networkId, input);
  const cover = input.coverMemberId;
  if (cover !== undefined) await requireRotaTarget(deps, principal.networkId, { ...input, memberId: cover });
  const swapId = cover === undefined ? null : newId();
  const rows = [
    { memberId: input.memberId, kind: input.kind === 'extra' ? ('extra' as const) : ('off' as const) },
    ...(cover === undefined ? [] : [{ memberId: cover, kind: 'extra' as const }]),
  ].map((half) => ({
    id: newId(),
    network_id: principal.networkId,
    member_id: half.memberId,
    role: input.role,
    area_id: input.areaId,
    kind: half.kind,
    starts_at: input.startsAt,
    ends_at: input.endsAt,
    swap_id: swapId,
    created_by: principal.memberId,
    created_at: deps.clock.now(),
  }));
  await inTransaction(deps, async (uow) => {
    for (const row of rows) await insertException(uow.trx, row);
    await recordAudit(deps, uow.trx, {
      networkId: principal.networkId,
      actorMemberId: principal.memberId,
      action: 'rota.exceptionAdded',
      objectType: 'rotaException',
      objectId: rows[0]?.id,
      metadata: { memberId: input.memberId, kind: input.kind, coverMemberId: cover ?? null },
    });
  });
  return { ids: rows.map((row) => row.id) };
}

export async function removeException(deps: RotaDeps, principal: Principal, exceptionId: string) {
  const exception = await findException(deps.db, exceptionId);
  if (!exception) throw new AppError('NOT_FOUND', 'Not found.');
  requireSameNetwork(principal, exception.network_id);
  requireRotaEditor(principal, {
    memberId: exception.member_id,
    role: exception.role,
    areaId: exception.area_id,
  });
  await inTransaction(deps, async (uow) => {
    await deleteException(uow.trx, exception);
    await recordAudit(deps, uow.trx, {
      networkId: exception.network_id,
      actorMemberId: principal.memberId,
      action: 'rota.exceptionRemoved',
      objectType: 'rotaException',
      objectId: exception.id,
      metadata: { memberId: exception.member_id, swapId: exception.swap_id },
    });
  });
}
