import { findMemberDisplayNamesEnc, listAreaNames, memberFieldContexts } from '../../identity/index.ts';
import type { Principal } from '../../identity/index.ts';
import { onDutyMemberIds, timeOf } from './on-duty.ts';
import type { AreaScope, RotaSnapshot } from './on-duty.ts';
import { loadRotaSnapshot } from './on-duty.service.ts';
import { rotaRoles } from './rota.contract.ts';
import type { AreaCoverage, CoverageSegment, RotaAnswer, RotaMember, RotaRole } from './rota.contract.ts';
import type { RotaDeps } from './rota.deps.ts';
import { canEditAnyEntry, requireRotaReader } from './rota.policy.ts';
import { listExceptions, listShifts } from './rota.repository.ts';

const coverageDays = 7;
const slotMs = 30 * 60 * 1000;

/**
 * Coverage of one role in one area over the range, in half-hour steps merged into runs with the
 * same count, computed with the same `onDutyMemberIds` paging uses (so the screen shows what a
 * page would find).
 */
export function coverageOf(snapshot: RotaSnapshot, scope: AreaScope, from: number, to: number) {
  const segments: CoverageSegment[] = [];
  let gapMinutes = 0;
  for (let at = from; at < to; at += slotMs) {
    const onDuty = onDutyMemberIds(snapshot, scope, at).length;
    if (onDuty === 0) gapMinutes += slotMs / 60_000;
    const last = segments.at(-1);
    if (last && last.onDuty === onDuty) last.to = at + slotMs;
    else segments.push({ from: at, to: at + slotMs, onDuty });
  }
  return { segments, gapMinutes };
}

/** The roster screen: turns, exceptions, who is on duty now, and the next 7 days' coverage. */
export async function getRota(
  deps: RotaDeps,
  principal: Principal,
  query: { from?: number },
): Promise<RotaAnswer> {
  requireRotaReader(principal);
  const now = deps.clock.now();
  const from = Math.floor((query.from ?? now) / slotMs) * slotMs;
  const to = from + coverageDays * 24 * 60 * 60 * 1000;
  const { networkId } = principal;
  const [areas, shifts, exceptions, ...snapshots] = await Promise.all([
    listAreaNames(deps.db, networkId),
    listShifts(deps.db, networkId),
    listExceptions(deps.db, { networkId, from: Math.min(from, now), to }),
    ...rotaRoles.map((role) => loadRotaSnapshot(deps.db, { networkId, role, from: Math.min(from, now), to })),
  ]);
  const snapshotOf = (role: RotaRole) => snapshots[rotaRoles.indexOf(role)] as RotaSnapshot;
  const coverage: AreaCoverage[] = [];
  for (const role of rotaRoles) {
    const scopes = [
      { areaId: null, areaName: null, scope: 'any' as AreaScope },
      ...areas.map((area) => ({ areaId: area.id, areaName: area.name, scope: [area.id] })),
    ];
    for (const { areaId, areaName, scope } of scopes) {
      coverage.push({ areaId, areaName, role, ...coverageOf(snapshotOf(role), scope, from, to) });
    }
  }
  const members = await presentMembers(deps, networkId, snapshots);
  const nameOf = (memberId: string) => members.find((member) => member.id === memberId)?.name ?? '';
  return {
    timeZone: snapshotOf('dispatcher').timeZone,
    from,
    to,
    canEditAll: canEditAnyEntry(principal, null),
    viewerMemberId: principal.memberId,
    members,
    shifts: shifts.map((row) => ({
      id: row.id,
      memberId: row.member_id,
      memberName: nameOf(row.member_id),
      role: row.role,
      areaId: row.area_id,
      weekday: row.weekday,
      start: timeOf(row.start_minute),
      end: timeOf(row.end_minute),
    })),
    exceptions: exceptions.map((row) => ({
      id: row.id,
      memberId: row.member_id,
      memberName: nameOf(row.member_id),
      role: row.role,
      areaId: row.area_id,
      kind: row.kind,
      startsAt: row.starts_at,
      endsAt: row.ends_at,
      swapId: row.swap_id,
    })),
    coverage,
    onDutyNow: rotaRoles.map((role) => ({ role, memberIds: onDutyMemberIds(snapshotOf(role), 'any', now) })),
  };
}

async function presentMembers(
  deps: RotaDeps,
  networkId: string,
  snapshots: RotaSnapshot[],
): Promise<RotaMember[]> {
  const rolesOf = new Map<string, RotaRole[]>();
  snapshots.forEach((snapshot, index) => {
    const role = rotaRoles[index] as RotaRole;
    for (const memberId of snapshot.grants.keys())
      rolesOf.set(memberId, [...(rolesOf.get(memberId) ?? []), role]);
  });
  const names = await findMemberDisplayNamesEnc(deps.db, [...rolesOf.keys()], networkId);
  return [...rolesOf.entries()]
    .map(([id, roles]) => {
      const encrypted = names.get(id);
      const name = encrypted ? deps.crypto.decrypt(encrypted, memberFieldContexts.displayName) : '';
      return { id, name, roles };
    })
    .sort((left, right) => left.name.localeCompare(right.name));
}
