import { z } from 'zod';

/** `urgent`: verified alerts only, at any hour; `all`: also updates and all-clears, held at night. */
export const subscriptionPreferences = ['urgent', 'all'] as const;
export type SubscriptionPreference = (typeof subscriptionPreferences)[number];

/** At most this many areas per subscriber: enough for home, work and school, not a whole state. */
export const maxAreasPerSubscriber = 10;
export const minRadiusMeters = 100;
export const maxRadiusMeters = 50_000;

const zipSchema = z
  .string()
  .trim()
  .regex(/^\d{5}$/, 'Use a five-digit ZIP code.');

export const pointChoiceSchema = z.strictObject({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  radiusMeters: z.number().int().min(minRadiusMeters).max(maxRadiusMeters),
});

/** The areas a subscriber watches: ZIP codes, a point with a radius, or both. */
export const areaChoiceSchema = z
  .strictObject({
    zips: z.array(zipSchema).max(maxAreasPerSubscriber).default([]),
    point: pointChoiceSchema.optional(),
  })
  .refine((value) => value.zips.length > 0 || value.point !== undefined, {
    message: 'Choose at least one ZIP code or a place.',
    path: ['zips'],
  });
export type AreaChoice = z.infer<typeof areaChoiceSchema>;

const languageSchema = z.string().trim().min(2).max(35);
const preferenceSchema = z.enum(subscriptionPreferences).default('urgent');

export const pushSubscriptionBodySchema = z.strictObject({
  // Checked by parsePushSubscription, which reports PUSH_SUBSCRIPTION_INVALID with details.
  subscription: z.unknown(),
  zips: z.array(zipSchema).max(maxAreasPerSubscriber).default([]),
  point: pointChoiceSchema.optional(),
  language: languageSchema,
  preference: preferenceSchema,
});
export type PushSubscriptionBody = z.infer<typeof pushSubscriptionBodySchema>;

export const emailSubscriptionBodySchema = z.strictObject({
  email: z.string().trim().max(254).pipe(z.email('Enter an email address such as name@example.org.')),
  zips: z.array(zipSchema).max(maxAreasPerSubscriber).default([]),
  point: pointChoiceSchema.optional(),
  language: languageSchema,
  preference: preferenceSchema,
});
export type EmailSubscriptionBody = z.infer<typeof emailSubscriptionBodySchema>;

/** The email form posts ZIP codes as one text field ("60608, 60609"). */
export const emailSubscriptionFormSchema = z.object({
  email: z.string().max(300).default(''),
  zips: z.string().max(200).default(''),
  language: z.string().max(35).default(''),
  preference: z.string().max(20).default('urgent'),
});

export function zipsFromText(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((zip) => zip.trim())
    .filter((zip) => zip.length > 0);
}

export const exerciseRecipientSchema = z.strictObject({
  channel: z.enum(['sms', 'email']),
  contact: z.string().trim().min(3).max(254),
  isExerciseRecipient: z.boolean(),
});
export type ExerciseRecipientInput = z.infer<typeof exerciseRecipientSchema>;

export const slugParamsSchema = z.object({ slug: z.string().min(1).max(60) });
export const tokenParamsSchema = z.object({
  slug: z.string().min(1).max(60),
  token: z.string().min(1).max(200),
});
