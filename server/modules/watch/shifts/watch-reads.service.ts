import { AppError } from '../../../platform/errors/app-error.ts';
import { findMemberDisplayNamesEnc, memberFieldContexts, requireRole } from '../../identity/index.ts';
import type { Principal } from '../../identity/index.ts';
import { listSites } from '../sites/site.repository.ts';
import type { WatchDeps } from '../sites/site.service.ts';
import type { WatchSitesTable } from '../sites/site.tables.ts';
import { canManageWatchArea, requireWatchReader, watchAreasOf } from '../sites/watch.policy.ts';
import { buildCoverage, occurrenceKey } from './coverage.ts';
import type { CoverageShift, CoverageSignup } from './coverage.ts';
import { weekOf } from './recurrence.ts';
import type {
  CoverageAnswer,
  CoverageOccurrence,
  OccurrenceSignup,
  ScheduleAnswer,
  ScheduleOccurrence,
} from './shift.contract.ts';
import { listShiftsOfSites, listSignupsBetween } from './shift.repository.ts';
import { offeredRolesOf, patternOf, presentShift } from './shift-rows.ts';
import type { WatchShiftsTable, WatchSignupsTable } from './shift.tables.ts';
import { networkTimeZone } from './shift.service.ts';

const hourMs = 60 * 60 * 1000;
const scheduleDays = 14;
const gapHours = 72;
/** Longest shift: an occurrence that started this long ago may still be running. */
const longestShiftMs = 12 * hourMs;

function coverageShifts(
  sites: readonly WatchSitesTable[],
  shifts: readonly WatchShiftsTable[],
): CoverageShift[] {
  const names = new Map(sites.map((site) => [site.id, site.name]));
  return shifts.map((shift) => ({
    ...patternOf(shift),
    id: shift.id,
    siteId: shift.site_id,
    siteName: names.get(shift.site_id) ?? '',
    minVolunteers: shift.min_volunteers,
    targetVolunteers: shift.target_volunteers,
    roles: offeredRolesOf(shift),
  }));
}

function counted(signups: readonly WatchSignupsTable[]): CoverageSignup[] {
  return signups.map((signup) => ({
    shiftId: signup.shift_id,
    startsAt: signup.starts_at,
    status: signup.status,
  }));
}

/** A volunteer's next two weeks at the sites of their areas, with their own sign-ups. */
export async function getWatchSchedule(
  deps: WatchDeps,
  principal: Principal,
  query: { from?: number },
): Promise<ScheduleAnswer> {
  requireWatchReader(principal);
  const now = deps.clock.now();
  const from = query.from ?? now;
  const to = from + scheduleDays * 24 * hourMs;
  const { networkId } = principal;
  const timeZone = await networkTimeZone(deps, networkId);
  const sites = await listSites(deps.db, networkId, watchAreasOf(principal));
  const shifts = await listShiftsOfSites(
    deps.db,
    networkId,
    sites.map((site) => site.id),
  );
  const signups = await listSignupsBetween(deps.db, { networkId, from: from - longestShiftMs, to });
  const mine = new Map(
    signups
      .filter((signup) => signup.member_id === principal.memberId)
      .map((signup) => [occurrenceKey(signup.shift_id, signup.starts_at), signup]),
  );
  const occurrences: ScheduleOccurrence[] = buildCoverage(
    coverageShifts(sites, shifts),
    counted(signups),
    timeZone,
    from - longestShiftMs,
    to,
  )
    .filter((occurrence) => occurrence.endsAt > from)
    .map((occurrence) => {
      const own = mine.get(occurrenceKey(occurrence.shiftId, occurrence.startsAt));
      return {
        ...occurrence,
        mine: own
          ? {
              id: own.id,
              role: own.role,
              status: own.status,
              checkedInAt: own.checked_in_at,
              checkedOutAt: own.checked_out_at,
            }
          : null,
      };
    });
  return { timeZone, from, to, occurrences };
}

function signupsByOccurrence(
  deps: WatchDeps,
  signups: readonly WatchSignupsTable[],
  names: ReadonlyMap<string, string>,
): Map<string, OccurrenceSignup[]> {
  const byOccurrence = new Map<string, OccurrenceSignup[]>();
  for (const signup of signups) {
    const key = occurrenceKey(signup.shift_id, signup.starts_at);
    const encrypted = names.get(signup.member_id);
    const name = encrypted ? deps.crypto.decrypt(encrypted, memberFieldContexts.displayName) : '';
    const list = byOccurrence.get(key) ?? [];
    list.push({ id: signup.id, memberId: signup.member_id, name, role: signup.role, status: signup.status });
    byOccurrence.set(key, list);
  }
  return byOccurrence;
}

/**
 * A coordinator's coverage view: one site's week (each occurrence covered, short or empty, with
 * who signed up) and, on top, the short or empty occurrences of the next 72 hours at every site
 * they coordinate.
 */
export async function getWatchCoverage(
  deps: WatchDeps,
  principal: Principal,
  query: { siteId?: string; week?: number },
): Promise<CoverageAnswer> {
  requireRole(principal, ['coordinator']);
  const { networkId } = principal;
  const now = deps.clock.now();
  const timeZone = await networkTimeZone(deps, networkId);
  const sites = (await listSites(deps.db, networkId, watchAreasOf(principal))).filter((site) =>
    canManageWatchArea(principal, site.area_id),
  );
  const site =
    query.siteId === undefined ? sites[0] : sites.find((candidate) => candidate.id === query.siteId);
  if (query.siteId !== undefined && !site) throw new AppError('NOT_FOUND', 'Not found.');
  const week = weekOf(query.week ?? now, timeZone);
  const shifts = await listShiftsOfSites(
    deps.db,
    networkId,
    sites.map((candidate) => candidate.id),
  );
  const all = coverageShifts(sites, shifts);
  const gapsTo = now + gapHours * hourMs;
  const signups = await listSignupsBetween(deps.db, {
    networkId,
    from: Math.min(week.from, now),
    to: Math.max(week.to, gapsTo),
  });
  const siteShifts = all.filter((shift) => shift.siteId === site?.id);
  const siteSignups = signups.filter((signup) => siteShifts.some((shift) => shift.id === signup.shift_id));
  const names = await findMemberDisplayNamesEnc(
    deps.db,
    siteSignups.map((signup) => signup.member_id),
    networkId,
  );
  const who = signupsByOccurrence(deps, siteSignups, names);
  const occurrences: CoverageOccurrence[] = buildCoverage(
    siteShifts,
    counted(siteSignups),
    timeZone,
    week.from,
    week.to,
  ).map((occurrence) => ({
    ...occurrence,
    signups: who.get(occurrenceKey(occurrence.shiftId, occurrence.startsAt)) ?? [],
  }));
  const gaps = buildCoverage(all, counted(signups), timeZone, now - longestShiftMs, gapsTo).filter(
    (occurrence) => occurrence.endsAt > now && occurrence.status !== 'covered',
  );
  return {
    timeZone,
    from: week.from,
    to: week.to,
    siteId: site?.id ?? null,
    sites: sites.map((candidate) => ({ id: candidate.id, name: candidate.name, canManage: true })),
    shifts: shifts.filter((shift) => shift.site_id === site?.id).map(presentShift),
    occurrences,
    gaps,
  };
}
