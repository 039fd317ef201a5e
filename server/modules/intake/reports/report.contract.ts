import { z } from 'zod';
import { reportCategories } from '../incidents/incident.contract.ts';
import type { IncidentStatus } from '../incidents/incident.contract.ts';

/**
 * How a report arrived: the web form or app, a text message, an operator taking a call, or a
 * voicemail left on the phone line (channels/voice).
 */
export const reportChannels = ['web', 'sms', 'operator', 'voicemail'] as const;
export type ReportChannel = (typeof reportChannels)[number];

/** Blank form fields arrive as empty strings; treat them as not given. */
const blankToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const optionalText = (maximum: number) =>
  z.preprocess(blankToUndefined, z.string().trim().min(1).max(maximum).optional());

export const latitudeSchema = z.number().min(-90).max(90);
export const longitudeSchema = z.number().min(-180).max(180);

/** US ZIP code; ZIP+4 is accepted and shortened to the five digits the centroid table knows. */
export const zipSchema = z.preprocess(
  blankToUndefined,
  z
    .string()
    .trim()
    .regex(/^\d{5}(-?\d{4})?$/, 'must be a 5-digit ZIP code')
    .transform((zip) => zip.slice(0, 5))
    .optional(),
);

/** Fields every channel shares. Sizes bound what one report may store. */
const reportFields = {
  category: z.enum(reportCategories),
  locationText: optionalText(300),
  zip: zipSchema,
  description: optionalText(2000),
  callbackContact: optionalText(100),
  language: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/)
      .optional(),
  ),
};

const locationSchema = z.strictObject({ lat: latitudeSchema, lon: longitudeSchema });

/** `occurredAt` as epoch milliseconds or an ISO 8601 date-time. */
const timestampSchema = z.union([
  z.number().int().positive(),
  z.iso.datetime({ offset: true }).transform((value) => Date.parse(value)),
]);

/** POST /api/public/:slug/reports (the web app; the no-JavaScript form maps onto the same fields). */
export const publicReportSchema = z.strictObject({
  ...reportFields,
  location: locationSchema.optional(),
  occurredAt: timestampSchema.optional(),
  contactConsent: z.boolean().optional(),
  /** Honeypot: people never see it; bots fill it. */
  website: z.string().max(500).optional(),
});
export type PublicReportBody = z.infer<typeof publicReportSchema>;

/** POST /api/reports: a hotline operator entering a phone call. */
export const operatorReportSchema = z.strictObject({
  ...reportFields,
  channel: z.literal('operator'),
  location: locationSchema.optional(),
  occurredAt: timestampSchema.optional(),
  contactConsent: z.boolean().optional(),
  /** The number the caller called from, only to count distinct sources (stored as a keyed hash). */
  callerPhone: optionalText(40),
});
export type OperatorReportBody = z.infer<typeof operatorReportSchema>;

/** How long ago, in the no-JavaScript form's "when" list. */
export const minutesAgoChoices = [0, 15, 30, 60, 120, 240, 480] as const;

const formNumber = (schema: z.ZodNumber) =>
  z.preprocess(
    (value) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : undefined),
    schema.optional(),
  );

/** POST /r/:slug, urlencoded: every value a string, blank meaning "not given". */
export const reportFormSchema = z.object({
  ...reportFields,
  lat: formNumber(latitudeSchema),
  lon: formNumber(longitudeSchema),
  minutesAgo: z.preprocess(
    (value) => (typeof value === 'string' && value !== '' ? Number(value) : 0),
    z.union(minutesAgoChoices.map((minutes) => z.literal(minutes))),
  ),
  contactConsent: z.preprocess((value) => value === 'yes' || value === 'on', z.boolean()),
  website: z.string().max(500).optional(),
});
export type ReportFormBody = z.infer<typeof reportFormSchema>;

export const slugParamsSchema = z.object({ slug: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/) });

// Answers

/**
 * POST /api/public/:slug/reports: stored; the reporter may follow their own report's status. The
 * same shape whether the report opened an incident, joined one or was set aside (no oracle).
 */
export interface PublicReportReceipt {
  reportId: string;
  language: string;
  statusUrl: string;
}

/** POST /api/reports: the operator's report, and the incident it joined or opened. */
export interface OperatorReportReceipt {
  reportId: string;
  incidentId: string;
  isNewIncident: boolean;
  incidentStatus: IncidentStatus;
}
