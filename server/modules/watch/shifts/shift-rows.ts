import type { WatchRole, WatchShiftView } from './shift.contract.ts';
import type { ShiftPattern } from './recurrence.ts';
import { timeOfMinute } from './recurrence.ts';
import type { WatchShiftsTable } from './shift.tables.ts';

export function patternOf(row: WatchShiftsTable): ShiftPattern {
  return {
    startsOn: row.starts_on,
    startMinute: row.start_minute,
    durationMinutes: row.duration_minutes,
    recurrenceRule: row.recurrence_rule,
    skippedDates: skippedDatesOf(row),
  };
}

export function skippedDatesOf(row: Pick<WatchShiftsTable, 'skipped_dates'>): string[] {
  return row.skipped_dates === '' ? [] : row.skipped_dates.split(',');
}

export function offeredRolesOf(row: Pick<WatchShiftsTable, 'offered_roles'>): WatchRole[] {
  return row.offered_roles.split(',') as WatchRole[];
}

export function presentShift(row: WatchShiftsTable): WatchShiftView {
  return {
    id: row.id,
    siteId: row.site_id,
    startsOn: row.starts_on,
    start: timeOfMinute(row.start_minute),
    durationMinutes: row.duration_minutes,
    recurrenceRule: row.recurrence_rule,
    skippedDates: skippedDatesOf(row),
    minVolunteers: row.min_volunteers,
    targetVolunteers: row.target_volunteers,
    roles: offeredRolesOf(row),
  };
}
