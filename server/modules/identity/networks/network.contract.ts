import { z } from 'zod';
import { networkSettingsPatchSchema } from './network-settings.ts';

/** Languages a network may offer: each needs translated templates, so the set is closed. */
export const supportedLanguages = [
  'en',
  'es',
  'ar',
  'fr',
  'ht',
  'pt',
  'zh',
  'vi',
  'ko',
  'tl',
  'ru',
  'fa',
] as const;
export type SupportedLanguage = (typeof supportedLanguages)[number];

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

/** The first language is the network's default. */
export const networkLanguagesSchema = z
  .array(z.enum(supportedLanguages, { error: `Use one of ${supportedLanguages.join(', ')}.` }))
  .min(1)
  .max(supportedLanguages.length)
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
