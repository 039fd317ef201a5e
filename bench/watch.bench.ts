import { buildCoverage } from '../server/modules/watch/index.ts';
import type { CoverageShift, CoverageSignup } from '../server/modules/watch/index.ts';
import { coverageStatusOf } from '../server/modules/watch/shifts/coverage.ts';
import { occurrencesBetween } from '../server/modules/watch/shifts/recurrence.ts';
import { formatNumber, ratioOf } from './results.ts';
import type { BenchRow } from './results.ts';
import { timed } from './timing.ts';

const dayMs = 24 * 60 * 60 * 1000;
const weekdays = ['MO', 'TU', 'WE', 'TH', 'FR'];

/**
 * The coverage view's computation over every site for weeks at once: each shift's RFC 5545 rule
 * expanded in the network's zone (rrule), sign-ups counted per occurrence, statuses decided. The
 * baseline is the same expansion with each occurrence counting its sign-ups by scanning them all
 * (what a per-occurrence query or filter does), measured in the same run.
 */
export async function benchWatchCoverage(sizes: { sites: number; weeks: number }): Promise<BenchRow[]> {
  const timeZone = 'America/Chicago';
  const from = Date.parse('2026-10-19T05:00:00Z');
  const to = from + sizes.weeks * 7 * dayMs;
  const shifts: CoverageShift[] = [];
  for (let site = 0; site < sizes.sites; site += 1) {
    for (let shift = 0; shift < 2; shift += 1) {
      shifts.push({
        id: `shift-${site}-${shift}`,
        siteId: `site-${site}`,
        siteName: `Site ${site}`,
        startsOn: '2026-09-01',
        startMinute: shift === 0 ? 8 * 60 : 13 * 60,
        durationMinutes: 240,
        recurrenceRule: `FREQ=WEEKLY;BYDAY=${weekdays[site % 5]},${weekdays[(site + 2) % 5]}`,
        skippedDates: ['2026-11-26'],
        minVolunteers: 2,
        targetVolunteers: 3,
        roles: ['observer', 'lead'],
      });
    }
  }
  const signups: CoverageSignup[] = [];
  for (const [index, shift] of shifts.entries()) {
    for (const occurrence of occurrencesBetween(shift, timeZone, from, to)) {
      const count = (index + occurrence.startsAt / 3_600_000) % 5;
      for (let person = 0; person < count; person += 1) {
        signups.push({
          shiftId: shift.id,
          startsAt: occurrence.startsAt,
          status: person < 3 ? 'confirmed' : 'waitlisted',
        });
      }
    }
  }
  const production = await timed(() => buildCoverage(shifts, signups, timeZone, from, to));
  const naive = await timed(() => naiveCoverage(shifts, signups, timeZone, from, to));
  const same = production.result.length === naive.result.length;
  return [
    {
      section: 'watch coverage',
      database: 'in memory',
      figure: `coverage of ${sizes.sites} sites × ${sizes.weeks} weeks (ms)`,
      value: formatNumber(production.milliseconds),
      baseline: `${formatNumber(naive.milliseconds)} ms scanning sign-ups per occurrence`,
      ratio: ratioOf(production.milliseconds, naive.milliseconds),
      note: `${shifts.length} shifts, ${production.result.length} occurrences, ${signups.length} sign-ups${same ? '' : '; COUNTS DIFFER'}`,
    },
  ];
}

function naiveCoverage(
  shifts: readonly CoverageShift[],
  signups: readonly CoverageSignup[],
  timeZone: string,
  from: number,
  to: number,
) {
  return shifts.flatMap((shift) =>
    occurrencesBetween(shift, timeZone, from, to).map((occurrence) => {
      const mine = signups.filter(
        (signup) => signup.shiftId === shift.id && signup.startsAt === occurrence.startsAt,
      );
      const confirmed = mine.filter((signup) => signup.status === 'confirmed').length;
      return { ...occurrence, confirmed, status: coverageStatusOf(confirmed, shift.minVolunteers) };
    }),
  );
}
