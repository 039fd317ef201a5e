import type { CoverageStatus, SignupStatus, WatchOccurrence, WatchRole } from './shift.contract.ts';
import { occurrencesBetween } from './recurrence.ts';
import type { ShiftPattern } from './recurrence.ts';

export interface CoverageShift extends ShiftPattern {
  id: string;
  siteId: string;
  siteName: string;
  minVolunteers: number;
  targetVolunteers: number;
  roles: WatchRole[];
}

export interface CoverageSignup {
  shiftId: string;
  startsAt: number;
  status: SignupStatus;
}

/** Empty with nobody confirmed, short below the minimum, covered at or above it. */
export function coverageStatusOf(confirmed: number, minVolunteers: number): CoverageStatus {
  if (confirmed === 0) return 'empty';
  return confirmed < minVolunteers ? 'short' : 'covered';
}

export function occurrenceKey(shiftId: string, startsAt: number): string {
  return `${shiftId}@${startsAt}`;
}

/**
 * Every occurrence of the shifts starting in [from, to) with its counts and status, in start
 * order. Sign-ups are counted once through a map, so the cost grows with shifts × occurrences
 * plus sign-ups (the bench measures 200 sites × 8 weeks).
 */
export function buildCoverage(
  shifts: readonly CoverageShift[],
  signups: readonly CoverageSignup[],
  timeZone: string,
  from: number,
  to: number,
): WatchOccurrence[] {
  const counts = new Map<string, { confirmed: number; waitlisted: number }>();
  for (const signup of signups) {
    const key = occurrenceKey(signup.shiftId, signup.startsAt);
    const count = counts.get(key) ?? { confirmed: 0, waitlisted: 0 };
    count[signup.status] += 1;
    counts.set(key, count);
  }
  const occurrences: WatchOccurrence[] = [];
  for (const shift of shifts) {
    for (const occurrence of occurrencesBetween(shift, timeZone, from, to)) {
      const count = counts.get(occurrenceKey(shift.id, occurrence.startsAt));
      const confirmed = count?.confirmed ?? 0;
      occurrences.push({
        shiftId: shift.id,
        siteId: shift.siteId,
        siteName: shift.siteName,
        startsAt: occurrence.startsAt,
        endsAt: occurrence.endsAt,
        roles: shift.roles,
        minVolunteers: shift.minVolunteers,
        targetVolunteers: shift.targetVolunteers,
        confirmed,
        waitlisted: count?.waitlisted ?? 0,
        status: coverageStatusOf(confirmed, shift.minVolunteers),
      });
    }
  }
  return occurrences.sort((a, b) => a.startsAt - b.startsAt || a.siteName.localeCompare(b.siteName));
}
