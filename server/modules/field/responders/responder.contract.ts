import { z } from 'zod';

const timeOfDaySchema = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'must be HH:MM (24-hour)');

export const onCallWindowSchema = z.strictObject({
  weekday: z.number().int().min(0).max(6),
  start: timeOfDaySchema,
  end: timeOfDaySchema,
});

/** PUT /api/responders/me/availability: the toggle and, optionally, the recurring windows. */
export const availabilitySchema = z.strictObject({
  isOnCall: z.boolean(),
  windows: z.array(onCallWindowSchema).max(28).optional(),
});
export type AvailabilityInput = z.infer<typeof availabilitySchema>;

/** POST /api/responders/me/location: the phone's position; only a coarse cell of it is kept. */
export const locationSchema = z.strictObject({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
});

/** E.164, e.g. +13125550123. */
export const phoneSchema = z
  .string()
  .regex(/^\+[1-9][0-9]{6,14}$/, 'must be an E.164 number such as +13125550123');

/** PUT /api/responders/me/contact: a number to verify by code, or null to remove the number. */
export const contactSchema = z.strictObject({ smsPhone: phoneSchema.nullable() });

/** POST /api/responders/me/contact/verify: the six digits texted to the new number. */
export const contactCodeSchema = z.strictObject({
  code: z.string().regex(/^[0-9]{6}$/, 'must be six digits'),
});

export const trainingKinds = [
  'legal_observer',
  'know_your_rights',
  'de_escalation',
  'first_aid',
  'other',
] as const;

const calendarDateSchema = z.iso.date();

export const trainingSchema = z.strictObject({
  trainings: z
    .array(
      z.strictObject({
        kind: z.enum(trainingKinds),
        completedOn: calendarDateSchema,
        expiresOn: calendarDateSchema.optional(),
      }),
    )
    .max(20),
});
export type TrainingInput = z.infer<typeof trainingSchema>;

export const memberParamsSchema = z.object({ memberId: z.uuid() });

export const rosterQuerySchema = z.strictObject({
  cursor: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  onCall: z.enum(['true', 'false']).optional(),
});

/** PUT /api/responders/me/push: the browser's PushSubscription.toJSON(), or null to stop. */
export const pushSchema = z
  .strictObject({ subscription: z.unknown() })
  .refine((body) => body.subscription !== undefined, {
    message: 'subscription is required (null removes it)',
    path: ['subscription'],
  });

// Answers

/** Why a responder is on call now: the toggle, or one of their recurring windows. */
export type OnCallSource = 'toggle' | 'window';

/** A recurring on-call window: a weekday (0 = Sunday) and local start/end times in the network's zone. */
export interface OnCallWindow {
  weekday: number;
  /** `HH:MM`, 24-hour. An end at or before the start runs past midnight into the next day. */
  start: string;
  end: string;
}

export interface PresentedTraining {
  kind: string;
  completedOn: string;
  expiresOn: string | null;
}

export interface PresentedAvailability {
  isOnCall: boolean;
  windows: OnCallWindow[];
  isOnCallNow: boolean;
  onCallSource: OnCallSource | null;
  location: { lat: number; lon: number; updatedAt: number; expiresAt: number } | null;
}

/** The responder's own profile: availability, coarse location, training and contact. */
export interface OwnResponderProfile extends PresentedAvailability {
  memberId: string;
  timeZone: string;
  languages: string[];
  /** Areas the responder grant covers; null stands for the whole network. */
  areaIds: (string | null)[];
  trainings: PresentedTraining[];
  /** The last four digits only: enough to recognise the number, useless if the screen is seen. */
  smsPhoneEnding: string | null;
  /** A number waiting for the code texted to it (last four digits), until the code expires. */
  pendingSmsPhoneEnding: string | null;
  hasPushSubscription: boolean;
}

/** GET /api/responders/me, and PUT …/me/availability and …/me/contact. */
export interface OwnResponderAnswer {
  responder: OwnResponderProfile;
}

/** One responder of the roster, as dispatchers and coordinators see them. */
export interface RosterEntry extends PresentedAvailability {
  memberId: string;
  displayName: string;
  /** `active` is vetted; `probationary` waits for coordinators to vouch. */
  vettingStatus: string;
  vettingCount: number;
  languages: string[];
  areaIds: (string | null)[];
  trainings: PresentedTraining[];
  hasSmsPhone: boolean;
}

/** GET /api/responders. */
export interface RosterPage {
  responders: RosterEntry[];
  nextCursor: string | null;
}

/** POST /api/responders/me/test-page: the registered channels the test page will try. */
export interface TestPageAnswer {
  channels: ('push' | 'sms')[];
}
