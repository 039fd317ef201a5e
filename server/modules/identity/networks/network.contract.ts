import { z } from 'zod';

import { registeredLanguages } from '../../../platform/i18n/languages.contract.ts';
import type { RegisteredLanguage } from '../../../platform/i18n/languages.contract.ts';

/**
 * A language Amparo knows (platform/i18n/languages.contract.ts); each needs translated templates. A network
 * may offer only those whose catalog is complete: network-languages.ts checks that on the server,
 * and GET /app/languages gives the app the same list (ADR 0033).
 */
export type SupportedLanguage = RegisteredLanguage;

let timeZones: Set<string> | undefined;

/** IANA zones known to this runtime; 'UTC' is added because Node 20 lists only its Etc/ alias. */
export function isSupportedTimeZone(value: string): boolean {
  timeZones ??= new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);
  return timeZones.has(value);
}

export const networkNameSchema = z.string().trim().min(2, 'Use at least 2 characters.').max(120);

export const networkSlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$/, 'Use 3 to 40 lower-case letters, digits or dashes.');

export const timeZoneSchema = z
  .string()
  .trim()
  .max(64)
  .refine(isSupportedTimeZone, 'Use an IANA time zone such as America/Chicago.');

/**
 * Bounds of the numeric settings: they keep an admin's typo (a retention of 30000 days, a cap of 0)
 * from disabling a safeguard. Whole numbers, except the SMS rate. Written as plain literals so their
 * types are the values themselves: the members' app holds its copy to them.
 */
export const networkSettingBounds = {
  clusteringRadiusMeters: { min: 50, max: 50_000 },
  /** Up to a day. */
  clusteringWindowMinutes: { min: 5, max: 1440 },
  /** Up to a week. */
  unverifiedIncidentExpiryHours: { min: 1, max: 168 },
  reportTextRetentionDays: { min: 1, max: 365 },
  /** 0: the reporter's contact is deleted when the incident closes; at most 30 days. */
  reporterContactRetentionHoursAfterClose: { min: 0, max: 720 },
  alertCapPerAreaPerHour: { min: 1, max: 100 },
  smsPerSecond: { min: 0.1, max: 100 },
  /** A newly granted coordinator approves no alert for this many hours (ADR 0019); up to a week. */
  privilegeCoolingOffHours: { min: 1, max: 168 },
  /** How long an urgent alert's deliveries keep retrying after approval (its expiry); up to 3 days. */
  alertExpiryHoursUrgent: { min: 1, max: 72 },
  /** The same for updates; up to a week. */
  alertExpiryHoursUpdate: { min: 1, max: 168 },
  /** Issue 16: page the on-duty dispatchers again when an incident is unclaimed this long (N). */
  pageUnclaimedAfterMinutes: { min: 1, max: 120 },
  /** ...and page its coordinators when it is still unclaimed this long (M). */
  escalateUnclaimedAfterMinutes: { min: 1, max: 240 },
  /** Issue 15 §5: a confirmed incident reaches the public pages this long after it was reported; up to a day. */
  publicationDelayMinutes: { min: 0, max: 1440 },
} as const;
export type NetworkSettingBounds = typeof networkSettingBounds;

const wholeNumberWithin = (bounds: { min: number; max: number }) =>
  z.number().int().min(bounds.min).max(bounds.max);

/** Each setting's rule; stored settings are read field by field with these (parseStoredSettings). */
export const networkSettingFields = {
  clusteringRadiusMeters: wholeNumberWithin(networkSettingBounds.clusteringRadiusMeters),
  clusteringWindowMinutes: wholeNumberWithin(networkSettingBounds.clusteringWindowMinutes),
  unverifiedIncidentExpiryHours: wholeNumberWithin(networkSettingBounds.unverifiedIncidentExpiryHours),
  reportTextRetentionDays: wholeNumberWithin(networkSettingBounds.reportTextRetentionDays),
  reporterContactRetentionHoursAfterClose: wholeNumberWithin(
    networkSettingBounds.reporterContactRetentionHoursAfterClose,
  ),
  alertCapPerAreaPerHour: wholeNumberWithin(networkSettingBounds.alertCapPerAreaPerHour),
  alertExpiryHoursUrgent: wholeNumberWithin(networkSettingBounds.alertExpiryHoursUrgent),
  alertExpiryHoursUpdate: wholeNumberWithin(networkSettingBounds.alertExpiryHoursUpdate),
  smsPerSecond: z
    .number()
    .min(networkSettingBounds.smsPerSecond.min)
    .max(networkSettingBounds.smsPerSecond.max),
  privilegeCoolingOffHours: wholeNumberWithin(networkSettingBounds.privilegeCoolingOffHours),
  /** An offer not accepted in time (or declined) goes on to the next nearest responder. */
  isOfferEscalationOn: z.boolean(),
  pageUnclaimedAfterMinutes: wholeNumberWithin(networkSettingBounds.pageUnclaimedAfterMinutes),
  escalateUnclaimedAfterMinutes: wholeNumberWithin(networkSettingBounds.escalateUnclaimedAfterMinutes),
  publicationDelayMinutes: wholeNumberWithin(networkSettingBounds.publicationDelayMinutes),
  /** The SMS hotline's numbers (E.164) texted to reach this network (Twilio's `To`). */
  hotlineNumbers: z
    .array(z.string().regex(/^\+[1-9][0-9]{6,14}$/, 'must be an E.164 number such as +13125550100'))
    .max(10)
    .refine((numbers) => new Set(numbers).size === numbers.length, 'List each number once.'),
};

export type NetworkSettings = {
  [K in keyof typeof networkSettingFields]: z.infer<(typeof networkSettingFields)[K]>;
};

/** What an admin may send in PATCH /api/network: any subset, each value within its bounds. */
export const networkSettingsPatchSchema = z.strictObject({
  clusteringRadiusMeters: networkSettingFields.clusteringRadiusMeters.optional(),
  clusteringWindowMinutes: networkSettingFields.clusteringWindowMinutes.optional(),
  unverifiedIncidentExpiryHours: networkSettingFields.unverifiedIncidentExpiryHours.optional(),
  reportTextRetentionDays: networkSettingFields.reportTextRetentionDays.optional(),
  reporterContactRetentionHoursAfterClose:
    networkSettingFields.reporterContactRetentionHoursAfterClose.optional(),
  alertCapPerAreaPerHour: networkSettingFields.alertCapPerAreaPerHour.optional(),
  smsPerSecond: networkSettingFields.smsPerSecond.optional(),
  privilegeCoolingOffHours: networkSettingFields.privilegeCoolingOffHours.optional(),
  alertExpiryHoursUrgent: networkSettingFields.alertExpiryHoursUrgent.optional(),
  alertExpiryHoursUpdate: networkSettingFields.alertExpiryHoursUpdate.optional(),
  hotlineNumbers: networkSettingFields.hotlineNumbers.optional(),
  isOfferEscalationOn: networkSettingFields.isOfferEscalationOn.optional(),
  pageUnclaimedAfterMinutes: networkSettingFields.pageUnclaimedAfterMinutes.optional(),
  escalateUnclaimedAfterMinutes: networkSettingFields.escalateUnclaimedAfterMinutes.optional(),
  publicationDelayMinutes: networkSettingFields.publicationDelayMinutes.optional(),
});
export type NetworkSettingsPatch = z.infer<typeof networkSettingsPatchSchema>;

/** The first language is the network's default. */
export const networkLanguagesSchema = z
  .array(z.enum(registeredLanguages, { error: `Use one of ${registeredLanguages.join(', ')}.` }))
  .min(1)
  .max(registeredLanguages.length)
  .refine((languages) => new Set(languages).size === languages.length, 'List each language once.');

export const createNetworkSchema = z.strictObject({
  name: networkNameSchema,
  slug: networkSlugSchema,
  timezone: timeZoneSchema,
  languages: networkLanguagesSchema.default(['en', 'es']),
});
export type CreateNetworkInput = z.input<typeof createNetworkSchema>;

export const updateNetworkSchema = z
  .strictObject({
    name: networkNameSchema.optional(),
    timezone: timeZoneSchema.optional(),
    languages: networkLanguagesSchema.optional(),
    settings: networkSettingsPatchSchema.optional(),
  })
  .refine((value) => Object.keys(value).length > 0, 'Change at least one field.');
export type UpdateNetworkInput = z.infer<typeof updateNetworkSchema>;

/** GET and PATCH /api/network: the signed-in member's own network. */
export interface NetworkProfile {
  id: string;
  slug: string;
  name: string;
  timezone: string;
  /** The first is the network's default. */
  languages: string[];
  /** Admins see every setting; other members the ones that shape their work (memberVisibleSettings). */
  settings: Partial<NetworkSettings>;
}
