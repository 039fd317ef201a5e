import { describe, expect, it } from 'vitest';
import { coverageStatusOf } from './coverage.ts';
import { instantOfWallClock, occurrencesBetween, parseShiftRule, weekOf } from './recurrence.ts';

const chicago = 'America/Chicago';
const iso = (at: number) => new Date(at).toISOString();

describe('watch shift recurrence', () => {
  it('accepts daily, weekly and monthly rules and refuses the rest', () => {
    expect(parseShiftRule('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH')).not.toBeNull();
    expect(parseShiftRule('FREQ=MONTHLY;BYDAY=1MO;COUNT=6')).not.toBeNull();
    expect(parseShiftRule('FREQ=HOURLY')).toBeNull();
    expect(parseShiftRule('FREQ=WEEKLY;BYDAY=XX')).toBeNull();
    expect(parseShiftRule('FREQ=WEEKLY;FOO=1')).toBeNull();
  });

  it('keeps local hours across both DST changes, and the first of a repeated hour', () => {
    // Spring forward (8 March 2026, 02:00 → 03:00): 02:30 does not exist and moves with the clocks.
    expect(iso(instantOfWallClock(Date.parse('2026-03-08T02:30:00Z'), chicago))).toBe(
      '2026-03-08T08:30:00.000Z',
    );
    // Fall back (1 November 2026): 01:30 happens twice; the first (CDT) is taken.
    expect(iso(instantOfWallClock(Date.parse('2026-11-01T01:30:00Z'), chicago))).toBe(
      '2026-11-01T06:30:00.000Z',
    );
    const daily = {
      startsOn: '2026-10-30',
      startMinute: 9 * 60,
      durationMinutes: 60,
      recurrenceRule: 'FREQ=DAILY;COUNT=4',
      skippedDates: ['2026-10-31'],
    };
    const found = occurrencesBetween(
      daily,
      chicago,
      Date.parse('2026-10-01T00:00:00Z'),
      Date.parse('2026-12-01T00:00:00Z'),
    );
    expect(found.map((occurrence) => [occurrence.localDate, iso(occurrence.startsAt)])).toEqual([
      ['2026-10-30', '2026-10-30T14:00:00.000Z'],
      ['2026-11-01', '2026-11-01T15:00:00.000Z'],
      ['2026-11-02', '2026-11-02T15:00:00.000Z'],
    ]);
  });

  it('starts a week on the local Monday and says covered, short or empty', () => {
    const week = weekOf(Date.parse('2026-11-04T12:00:00Z'), chicago);
    expect([iso(week.from), iso(week.to)]).toEqual(['2026-11-02T06:00:00.000Z', '2026-11-09T06:00:00.000Z']);
    expect([coverageStatusOf(0, 2), coverageStatusOf(1, 2), coverageStatusOf(2, 2)]).toEqual([
      'empty',
      'short',
      'covered',
    ]);
  });
});
