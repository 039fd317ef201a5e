import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import { findNetworkById } from '../../identity/index.ts';
import { onDutyMemberIds } from './on-duty.ts';
import type { AreaScope, RotaSnapshot } from './on-duty.ts';
import type { RotaRole } from './rota.contract.ts';
import {
  listExceptions,
  listShifts,
  loadRoleHolders,
  toExceptionRule,
  toShiftRule,
} from './rota.repository.ts';

/** Loads one role's rota for the range [from, to): everything "who is on duty" needs to answer. */
export async function loadRotaSnapshot(
  db: Kysely<Database>,
  input: { networkId: string; role: RotaRole; from: number; to: number },
): Promise<RotaSnapshot> {
  const [network, shifts, exceptions, grants] = await Promise.all([
    findNetworkById(db, input.networkId),
    listShifts(db, input.networkId, input.role),
    listExceptions(db, input),
    loadRoleHolders(db, input.networkId, input.role),
  ]);
  return {
    timeZone: network?.timezone ?? 'UTC',
    shifts: shifts.map(toShiftRule),
    exceptions: exceptions.map(toExceptionRule),
    grants,
  };
}

/**
 * "Who is on duty now": the one answer paging and dispatch suggestions use. Members of `role`
 * whose weekly shift (in the network's time zone), extra turn or swap covers `at`, without time
 * off then, holding the role in one of `areaIds` (or network-wide; `'any'` for an incident
 * without an area). Ids, sorted.
 */
export async function findOnDutyMembers(
  db: Kysely<Database>,
  input: { networkId: string; role: RotaRole; areaIds: AreaScope; at: number },
): Promise<string[]> {
  const snapshot = await loadRotaSnapshot(db, { ...input, from: input.at, to: input.at + 1 });
  return onDutyMemberIds(snapshot, input.areaIds, input.at);
}
