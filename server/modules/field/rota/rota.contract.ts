import { z } from 'zod';

/** The roles a rota schedules: who takes incidents, and who goes out to them. */
export const rotaRoles = ['dispatcher', 'responder'] as const;
export type RotaRole = (typeof rotaRoles)[number];

export const rotaExceptionKinds = ['off', 'extra'] as const;
export type RotaExceptionKind = (typeof rotaExceptionKinds)[number];

const time = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'Use hh:mm, 24-hour.');
const maxExceptionMs = 31 * 24 * 60 * 60 * 1000;

export const addShiftSchema = z
  .strictObject({
    memberId: z.uuid(),
    role: z.enum(rotaRoles),
    areaId: z.uuid().nullable().default(null),
    weekday: z.number().int().min(0).max(6),
    start: time,
    end: time,
  })
  .refine((shift) => shift.start !== shift.end, {
    message: 'A shift needs a start and a different end.',
    path: ['end'],
  });
export type AddShiftInput = z.input<typeof addShiftSchema>;

const range = {
  startsAt: z.number().int().positive(),
  endsAt: z.number().int().positive(),
};
const isRange = (value: { startsAt: number; endsAt: number }) =>
  value.endsAt > value.startsAt && value.endsAt - value.startsAt <= maxExceptionMs;
const rangeProblem = { message: 'The end must come after the start, within 31 days.', path: ['endsAt'] };

/** Time off (`off`) or an extra turn (`extra`) for one member, or a swap: `memberId` hands the range to `coverMemberId`. */
export const addExceptionSchema = z
  .strictObject({
    memberId: z.uuid(),
    role: z.enum(rotaRoles),
    areaId: z.uuid().nullable().default(null),
    kind: z.enum([...rotaExceptionKinds, 'swap']),
    coverMemberId: z.uuid().optional(),
    ...range,
  })
  .refine(isRange, rangeProblem)
  .refine((value) => (value.kind === 'swap') === (value.coverMemberId !== undefined), {
    message: 'A swap names the member who covers it (and only a swap does).',
    path: ['coverMemberId'],
  })
  .refine((value) => value.coverMemberId !== value.memberId, {
    message: 'Swap with someone else.',
    path: ['coverMemberId'],
  });
export type AddExceptionInput = z.input<typeof addExceptionSchema>;

export const rotaEntryParamsSchema = z.object({ entryId: z.uuid() });

export const rotaQuerySchema = z.strictObject({
  /** Start of the coverage week (epoch ms); defaults to now. */
  from: z.coerce.number().int().positive().optional(),
});

export interface PresentedShift {
  id: string;
  memberId: string;
  memberName: string;
  role: RotaRole;
  areaId: string | null;
  weekday: number;
  start: string;
  end: string;
}

export interface PresentedException {
  id: string;
  memberId: string;
  memberName: string;
  role: RotaRole;
  areaId: string | null;
  kind: RotaExceptionKind;
  startsAt: number;
  endsAt: number;
  swapId: string | null;
}

/** A run of time with the same number of people on duty; `onDuty` 0 is a gap. */
export interface CoverageSegment {
  from: number;
  to: number;
  onDuty: number;
}

export interface AreaCoverage {
  /** null: the network as a whole (incidents without an area go to everyone on duty). */
  areaId: string | null;
  areaName: string | null;
  role: RotaRole;
  segments: CoverageSegment[];
  gapMinutes: number;
}

export interface RotaMember {
  id: string;
  name: string;
  roles: RotaRole[];
}

export interface RotaAnswer {
  timeZone: string;
  from: number;
  to: number;
  /** Whether the viewer may edit everyone's entries (coordinators) or only their own. */
  canEditAll: boolean;
  viewerMemberId: string;
  members: RotaMember[];
  shifts: PresentedShift[];
  exceptions: PresentedException[];
  coverage: AreaCoverage[];
  onDutyNow: { role: RotaRole; memberIds: string[] }[];
}
