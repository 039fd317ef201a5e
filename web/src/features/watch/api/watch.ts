import { get, post, put, remove } from '../../../lib/api.ts';
import type {
  CalendarFeedCreated,
  CalendarFeedState,
  CoverageAnswer,
  CreateShiftInput,
  ScheduleAnswer,
  SignupStatus,
  WatchRole,
  WatchSiteInput,
  WatchSitesAnswer,
} from './types.ts';

export function getWatchSites(): Promise<WatchSitesAnswer> {
  return get<WatchSitesAnswer>('/api/watch/sites');
}

export function createWatchSite(body: WatchSiteInput): Promise<{ id: string }> {
  return post<{ id: string }>('/api/watch/sites', body);
}

export function updateWatchSite(siteId: string, body: WatchSiteInput): Promise<unknown> {
  return put(`/api/watch/sites/${siteId}`, body);
}

export function createWatchShift(body: CreateShiftInput): Promise<{ id: string }> {
  return post<{ id: string }>('/api/watch/shifts', body);
}

export function skipWatchShiftDate(shiftId: string, date: string): Promise<unknown> {
  return post(`/api/watch/shifts/${shiftId}/skipped-dates`, { date });
}

export function getWatchSchedule(): Promise<ScheduleAnswer> {
  return get<ScheduleAnswer>('/api/watch/schedule');
}

export function getWatchCoverage(query: {
  siteId: string | null;
  week: number | null;
}): Promise<CoverageAnswer> {
  const parameters = new URLSearchParams();
  if (query.siteId) parameters.set('siteId', query.siteId);
  if (query.week) parameters.set('week', String(query.week));
  const search = parameters.toString();
  return get<CoverageAnswer>(`/api/watch/coverage${search ? `?${search}` : ''}`);
}

export function signUpForWatch(body: {
  shiftId: string;
  startsAt: number;
  role: WatchRole;
}): Promise<{ id: string; status: SignupStatus }> {
  return post<{ id: string; status: SignupStatus }>('/api/watch/signups', body);
}

export function cancelWatchSignup(signupId: string): Promise<unknown> {
  return remove(`/api/watch/signups/${signupId}`);
}

export function getCalendarFeed(): Promise<CalendarFeedState> {
  return get<CalendarFeedState>('/api/watch/calendar-feed');
}

export function createCalendarFeed(): Promise<CalendarFeedCreated> {
  return post<CalendarFeedCreated>('/api/watch/calendar-feed');
}

export function revokeCalendarFeed(): Promise<unknown> {
  return remove('/api/watch/calendar-feed');
}

/** Where the browser downloads one of the member's shifts as an .ics file. */
export function signupEventUrl(signupId: string): string {
  return `/api/watch/signups/${signupId}/event.ics`;
}

export function checkInOrOut(
  signupId: string,
  kind: 'in' | 'out',
): Promise<{ checkedInAt: number | null; checkedOutAt: number | null }> {
  return post(`/api/watch/signups/${signupId}/check-${kind}`);
}
