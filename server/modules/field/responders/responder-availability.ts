import type { OnCallSource, OnCallWindow } from './responder.contract.ts';

export type { OnCallSource } from './responder.contract.ts';

export interface Availability {
  isOnCall: boolean;
  windows: readonly OnCallWindow[];
}

const weekdayIndex: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The weekday (0 = Sunday) and minute of the day at `at` on the wall clocks of `timeZone`. */
export function localWeekdayAndMinute(at: number, timeZone: string): { weekday: number; minute: number } {
  const parts = formatterFor(timeZone).formatToParts(new Date(at));
  const value = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  const weekday = weekdayIndex[value('weekday')] ?? 0;
  return { weekday, minute: Number(value('hour')) * 60 + Number(value('minute')) };
}

export function minuteOfDay(time: string): number {
  const [hours = '0', minutes = '0'] = time.split(':');
  return Number(hours) * 60 + Number(minutes);
}

/**
 * Whether a window covers the local weekday and minute. A window whose end is at or before its start
 * runs past midnight: it covers the rest of its weekday and the next day until the end.
 */
export function isWithinWindow(window: OnCallWindow, local: { weekday: number; minute: number }): boolean {
  const start = minuteOfDay(window.start);
  const end = minuteOfDay(window.end);
  if (end > start) return local.weekday === window.weekday && local.minute >= start && local.minute < end;
  if (local.weekday === window.weekday && local.minute >= start) return true;
  return local.weekday === (window.weekday + 1) % 7 && local.minute < end;
}

/** Why a responder counts as on call at `at`, or null: the toggle first, then a recurring window. */
export function onCallSourceAt(
  availability: Availability,
  timeZone: string,
  at: number,
): OnCallSource | null {
  if (availability.isOnCall) return 'toggle';
  if (availability.windows.length === 0) return null;
  const local = localWeekdayAndMinute(at, timeZone);
  return availability.windows.some((window) => isWithinWindow(window, local)) ? 'window' : null;
}

export function parseWindows(stored: string): OnCallWindow[] {
  try {
    const parsed: unknown = JSON.parse(stored);
    return Array.isArray(parsed) ? (parsed as OnCallWindow[]) : [];
  } catch {
    return [];
  }
}
