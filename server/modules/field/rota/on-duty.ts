import { localWeekdayAndMinute } from '../responders/responder-availability.ts';
import type { RotaExceptionKind, RotaRole } from './rota.contract.ts';

export interface ShiftRule {
  memberId: string;
  role: RotaRole;
  areaId: string | null;
  weekday: number;
  startMinute: number;
  endMinute: number;
}

export interface ExceptionRule {
  memberId: string;
  role: RotaRole;
  areaId: string | null;
  kind: RotaExceptionKind;
  startsAt: number;
  endsAt: number;
}

/** The rota of one role as loaded once: shifts, exceptions, and where each member holds the role. */
export interface RotaSnapshot {
  timeZone: string;
  shifts: readonly ShiftRule[];
  exceptions: readonly ExceptionRule[];
  /** Active members holding the role: member → area ids of their grants (null: network-wide). */
  grants: ReadonlyMap<string, readonly (string | null)[]>;
}

/** 'any': an incident without an area, covered by everyone on duty in the role. */
export type AreaScope = 'any' | readonly string[];

const minutesPerDay = 24 * 60;

/**
 * Whether a weekly shift covers a local weekday and minute. Wall-clock time in the network's zone,
 * so a 09:00–17:00 shift stays 09:00–17:00 across a DST change (and a night shift over the
 * autumn change lasts an hour longer in real time, as it does on the wall).
 */
export function isShiftCovering(
  shift: Pick<ShiftRule, 'weekday' | 'startMinute' | 'endMinute'>,
  local: { weekday: number; minute: number },
): boolean {
  const { weekday, startMinute, endMinute } = shift;
  if (endMinute > startMinute) {
    return local.weekday === weekday && local.minute >= startMinute && local.minute < endMinute;
  }
  if (local.weekday === weekday && local.minute >= startMinute) return true;
  return local.weekday === (weekday + 1) % 7 && local.minute < endMinute;
}

function appliesTo(areaId: string | null, scope: AreaScope): boolean {
  return areaId === null || scope === 'any' || scope.includes(areaId);
}

function holdsRoleIn(grantAreas: readonly (string | null)[] | undefined, scope: AreaScope): boolean {
  if (!grantAreas) return false;
  return grantAreas.some((areaId) => appliesTo(areaId, scope));
}

/**
 * Who of the role is on duty at `at` for an incident in `scope`: a shift covering the local time
 * and no time off covering `at`, or an extra turn (a swap's cover) covering `at`; and holding the
 * role where the incident is. Paging, dispatch suggestions and the roster's coverage all use it.
 */
export function onDutyMemberIds(snapshot: RotaSnapshot, scope: AreaScope, at: number): string[] {
  const local = localWeekdayAndMinute(at, snapshot.timeZone);
  const onDuty = new Set<string>();
  for (const shift of snapshot.shifts) {
    if (appliesTo(shift.areaId, scope) && isShiftCovering(shift, local)) onDuty.add(shift.memberId);
  }
  const covering = snapshot.exceptions.filter(
    (exception) => exception.startsAt <= at && at < exception.endsAt && appliesTo(exception.areaId, scope),
  );
  for (const exception of covering) if (exception.kind === 'off') onDuty.delete(exception.memberId);
  for (const exception of covering) if (exception.kind === 'extra') onDuty.add(exception.memberId);
  return [...onDuty].filter((memberId) => holdsRoleIn(snapshot.grants.get(memberId), scope)).sort();
}

export function minuteOf(time: string): number {
  const [hours = '0', minutes = '0'] = time.split(':');
  return Number(hours) * 60 + Number(minutes);
}

export function timeOf(minute: number): string {
  const wrapped = ((minute % minutesPerDay) + minutesPerDay) % minutesPerDay;
  return `${String(Math.floor(wrapped / 60)).padStart(2, '0')}:${String(wrapped % 60).padStart(2, '0')}`;
}
