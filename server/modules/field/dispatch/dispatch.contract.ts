import { z } from 'zod';
import { onSceneOutcomes } from './dispatch.tables.ts';

const languageTagSchema = z
  .string()
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as es');

export const incidentParamsSchema = z.object({ incidentId: z.uuid() });
export const offerParamsSchema = z.object({ offerId: z.uuid() });

export const suggestionQuerySchema = z.strictObject({
  language: languageTagSchema.optional(),
  limit: z.coerce.number().int().min(1).max(50).optional(),
});

/** Three minutes unless the dispatcher says otherwise. */
export const defaultOfferSeconds = 180;

export const sendOffersSchema = z.strictObject({
  responderIds: z
    .array(z.uuid())
    .min(1)
    .max(10)
    .refine((ids) => new Set(ids).size === ids.length, 'must not repeat a responder'),
  autoEscalate: z.boolean().optional(),
  expiresInSeconds: z.number().int().min(30).max(3600).optional(),
  /** The language the incident needs; escalation keeps preferring its speakers. */
  language: languageTagSchema.optional(),
});
export type SendOffersInput = z.infer<typeof sendOffersSchema>;

export const offerStatusReportSchema = z.strictObject({ status: z.enum(['enRoute', 'onScene', 'done']) });

const httpsUrlSchema = z
  .url({ protocol: /^https$/, hostname: z.regexes.domain })
  .max(2000)
  .refine((value) => !/[\s<>"']/.test(value), 'must be a plain https link');

export const outcomeSchema = z.strictObject({
  outcome: z.enum(onSceneOutcomes),
  notes: z.string().trim().min(1).max(4000).optional(),
  livestreamUrl: httpsUrlSchema.optional(),
});
export type OutcomeInput = z.infer<typeof outcomeSchema>;

export const myOffersQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).optional(),
});
