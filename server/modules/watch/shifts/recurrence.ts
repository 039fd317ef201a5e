import rrule from 'rrule';
import type { Options } from 'rrule';

const { Frequency, RRule, RRuleSet } = rrule;

/** A shift's pattern as stored: local wall-clock times in the network's zone. */
export interface ShiftPattern {
  startsOn: string;
  startMinute: number;
  durationMinutes: number;
  recurrenceRule: string;
  skippedDates: readonly string[];
}

export interface Occurrence {
  startsAt: number;
  endsAt: number;
  /** The local date (YYYY-MM-DD) it starts on. */
  localDate: string;
}

const dayMs = 24 * 60 * 60 * 1000;
const shiftFrequencies = new Set<number>([Frequency.DAILY, Frequency.WEEKLY, Frequency.MONTHLY]);
const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The rule's options, or null when it is not a rule a shift can follow: unknown parts, an
 * unknown weekday, or a frequency finer than a day.
 */
export function parseShiftRule(rule: string): Partial<Options> | null {
  let options: Partial<Options>;
  try {
    options = RRule.parseString(rule);
  } catch {
    return null;
  }
  if (options.freq === undefined || !shiftFrequencies.has(options.freq)) return null;
  const weekdays = options.byweekday;
  if (Array.isArray(weekdays) && weekdays.some((day) => day === undefined || day === null)) return null;
  if (options.dtstart || options.tzid) return null;
  return options;
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = offsetFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    offsetFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall clock of `timeZone` at `at`, written as if it were UTC ("floating" time). */
export function wallClockOf(at: number, timeZone: string): number {
  return at + offsetAt(at, timeZone);
}

function formattedWallClock(at: number, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(at));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
}

/** Zones change offset only at quarter hours, so one offset holds for a whole quarter. */
const quarterMs = 15 * 60 * 1000;
const offsetCache = new Map<string, number>();

/** The zone's offset from UTC at `at`, remembered per quarter hour (Intl is slow: the bench). */
function offsetAt(at: number, timeZone: string): number {
  const quarter = Math.floor(at / quarterMs) * quarterMs;
  const key = `${timeZone}|${quarter}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    offset = formattedWallClock(quarter, timeZone) - quarter;
    if (offsetCache.size >= 50_000) offsetCache.clear();
    offsetCache.set(key, offset);
  }
  return offset;
}

/**
 * The UTC instant a floating wall-clock time names in `timeZone`. In a spring-forward gap the
 * time moves forward with the clocks; in a fall-back hour the first of the two is taken.
 */
export function instantOfWallClock(wall: number, timeZone: string): number {
  // The offsets a day either side: any change of offset near the wall time lies between them.
  const offsets = [offsetAt(wall - dayMs, timeZone), offsetAt(wall + dayMs, timeZone)];
  const matching = offsets.map((offset) => wall - offset).filter((at) => wallClockOf(at, timeZone) === wall);
  if (matching.length > 0) return Math.min(...matching);
  return wall - Math.min(...offsets);
}

function floatingStart(pattern: ShiftPattern): Date {
  const [year = 1970, month = 1, day = 1] = pattern.startsOn.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day, 0, pattern.startMinute));
}

/** The RFC 5545 set (RRULE + EXDATE) of a shift, in floating time. Null for a rule no shift may follow. */
export function ruleSetOf(pattern: ShiftPattern) {
  const options = parseShiftRule(pattern.recurrenceRule);
  if (!options) return null;
  const dtstart = floatingStart(pattern);
  const rule = new RRule({ ...options, dtstart });
  // A set costs more to expand; without skipped dates the rule alone gives the same dates.
  if (pattern.skippedDates.length === 0) return rule;
  const set = new RRuleSet();
  set.rrule(rule);
  for (const date of pattern.skippedDates) {
    set.exdate(new Date(Date.parse(`${date}T00:00:00Z`) + pattern.startMinute * 60_000));
  }
  return set;
}

/** Occurrences that start in [from, to), as UTC instants of the network's wall clock. */
export function occurrencesBetween(
  pattern: ShiftPattern,
  timeZone: string,
  from: number,
  to: number,
): Occurrence[] {
  const set = ruleSetOf(pattern);
  if (!set) return [];
  // Floating time is within a day of UTC in every zone: widen, then filter on the real instants.
  const floating = set.between(new Date(from - dayMs), new Date(to + dayMs), true);
  const occurrences: Occurrence[] = [];
  for (const wall of floating) {
    const startsAt = instantOfWallClock(wall.getTime(), timeZone);
    if (startsAt < from || startsAt >= to) continue;
    occurrences.push({
      startsAt,
      endsAt: startsAt + pattern.durationMinutes * 60_000,
      localDate: wall.toISOString().slice(0, 10),
    });
  }
  return occurrences;
}

/** The local Monday 00:00 of the week holding `at`, and the next one. */
export function weekOf(at: number, timeZone: string): { from: number; to: number } {
  const wall = wallClockOf(at, timeZone);
  const weekday = (new Date(wall).getUTCDay() + 6) % 7;
  const mondayWall = Math.floor(wall / dayMs) * dayMs - weekday * dayMs;
  return {
    from: instantOfWallClock(mondayWall, timeZone),
    to: instantOfWallClock(mondayWall + 7 * dayMs, timeZone),
  };
}

export function timeOfMinute(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

export function minuteOfTime(time: string): number {
  const [hours = '0', minutes = '0'] = time.split(':');
  return Number(hours) * 60 + Number(minutes);
}
