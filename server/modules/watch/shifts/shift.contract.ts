import { z } from 'zod';

/** What a volunteer does on a watch shift. */
export const watchRoles = ['observer', 'livestreamer', 'kyr_handout', 'lead'] as const;
export type WatchRole = (typeof watchRoles)[number];

/** An occurrence with nobody signed up, fewer than the minimum, or at least the minimum. */
export const coverageStatuses = ['empty', 'short', 'covered'] as const;
export type CoverageStatus = (typeof coverageStatuses)[number];

/** Realtime: an occurrence's sign-ups changed (coordinators of the area and the volunteers in it). */
export type WatchEventType = 'watch.signupChanged';

export const signupStatuses = ['confirmed', 'waitlisted'] as const;
export type SignupStatus = (typeof signupStatuses)[number];

const localDate = z.iso.date();
const time = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'Use hh:mm, 24-hour.');
/** An RRULE value (RFC 5545 3.3.10) without DTSTART: the service checks it with the rrule library. */
const recurrenceRule = z
  .string()
  .trim()
  .min(6)
  .max(300)
  .regex(/^FREQ=[A-Z0-9=;,+-]+$/, 'Write an RFC 5545 rule such as FREQ=WEEKLY;BYDAY=TU.');

export const createShiftSchema = z
  .strictObject({
    siteId: z.uuid(),
    /** The first day (network's time zone). */
    startsOn: localDate,
    start: time,
    durationMinutes: z
      .number()
      .int()
      .min(15)
      .max(12 * 60),
    recurrenceRule,
    skippedDates: z.array(localDate).max(100).default([]),
    minVolunteers: z.number().int().min(1).max(50),
    targetVolunteers: z.number().int().min(1).max(50),
    roles: z.array(z.enum(watchRoles)).min(1).max(watchRoles.length),
  })
  .refine((shift) => shift.targetVolunteers >= shift.minVolunteers, {
    message: 'The target cannot be below the minimum.',
    path: ['targetVolunteers'],
  })
  .refine((shift) => new Set(shift.roles).size === shift.roles.length, {
    message: 'Name each role once.',
    path: ['roles'],
  });
export type CreateShiftInput = z.input<typeof createShiftSchema>;

export const shiftParamsSchema = z.object({ shiftId: z.uuid() });
export const skipDateSchema = z.strictObject({ date: localDate });

export const signUpSchema = z.strictObject({
  shiftId: z.uuid(),
  /** The occurrence's start (epoch ms) as the schedule gave it. */
  startsAt: z.number().int().positive(),
  role: z.enum(watchRoles),
});
export type SignUpInput = z.input<typeof signUpSchema>;

export const signupParamsSchema = z.object({ signupId: z.uuid() });

export const scheduleQuerySchema = z.strictObject({
  from: z.coerce.number().int().positive().optional(),
});

export const coverageQuerySchema = z.strictObject({
  siteId: z.uuid().optional(),
  /** Any time in the week to show; defaults to now. The week starts on the local Monday. */
  week: z.coerce.number().int().positive().optional(),
});

export interface OccurrenceSignup {
  id: string;
  memberId: string;
  name: string;
  role: WatchRole;
  status: SignupStatus;
}

export interface WatchOccurrence {
  shiftId: string;
  siteId: string;
  siteName: string;
  startsAt: number;
  endsAt: number;
  roles: WatchRole[];
  minVolunteers: number;
  targetVolunteers: number;
  confirmed: number;
  waitlisted: number;
  status: CoverageStatus;
}

/** A volunteer's view of an occurrence: the counts and their own sign-up. */
export interface ScheduleOccurrence extends WatchOccurrence {
  mine: {
    id: string;
    role: WatchRole;
    status: SignupStatus;
    checkedInAt: number | null;
    checkedOutAt: number | null;
  } | null;
}

export interface ScheduleAnswer {
  timeZone: string;
  from: number;
  to: number;
  occurrences: ScheduleOccurrence[];
}

/** A coordinator's view: who signed up. */
export interface CoverageOccurrence extends WatchOccurrence {
  signups: OccurrenceSignup[];
}

export interface WatchShiftView {
  id: string;
  siteId: string;
  startsOn: string;
  start: string;
  durationMinutes: number;
  recurrenceRule: string;
  skippedDates: string[];
  minVolunteers: number;
  targetVolunteers: number;
  roles: WatchRole[];
}

export interface CoverageAnswer {
  timeZone: string;
  /** The week shown: local Monday 00:00 to the next. */
  from: number;
  to: number;
  siteId: string | null;
  sites: { id: string; name: string; canManage: boolean }[];
  shifts: WatchShiftView[];
  occurrences: CoverageOccurrence[];
  /** Short or empty occurrences of the next 72 hours, at every site the viewer coordinates. */
  gaps: WatchOccurrence[];
}
