import { z } from 'zod';
import { alertStatuses } from './alert.tables.ts';

/** Free text per language; lengths are checked by the service (TEMPLATE_TOO_LONG). */
const freeTextSchema = z.record(z.string().min(2).max(35), z.string().max(5000)).default({});

export const draftAlertSchema = z.strictObject({
  incidentId: z.string().min(1).max(64),
  status: z.enum(alertStatuses).default('actual'),
  /** `alert`: the verified-activity template of the incident's category; the others are updates. */
  template: z.enum(['alert', 'update', 'allClear']).default('alert'),
  freeText: freeTextSchema,
  radiusMeters: z.number().int().min(100).max(20_000).default(1_000),
  /** Asks for an alert from an incident that is not verified; a second coordinator must confirm. */
  override: z.boolean().default(false),
});
export type DraftAlertInput = z.infer<typeof draftAlertSchema>;

/** A correction, update or all-clear of a live alert: a draft in its thread, approved by a second person. */
export const correctionSchema = z.strictObject({
  freeText: freeTextSchema,
  template: z.enum(['correction', 'update', 'allClear']).default('correction'),
});
export type CorrectionInput = z.infer<typeof correctionSchema>;

/** A cancellation with the network's cancellation text and any free text: a draft, like a correction. */
export const cancellationSchema = z.strictObject({ freeText: freeTextSchema });
export type CancellationInput = z.infer<typeof cancellationSchema>;

/** The approver names the frozen content they previewed (its SHA-256, from GET /api/alerts/:id). */
export const approveAlertSchema = z.strictObject({
  contentHash: z.string().regex(/^[0-9a-f]{64}$/, 'the SHA-256 of the previewed content, in lower-case hex'),
});
export type ApproveAlertInput = z.infer<typeof approveAlertSchema>;

/** A retraction and its review carry no words: the text is shipped, fixed and pre-translated. */
export const noWordsSchema = z.strictObject({});

export const stopSwitchSchema = z.strictObject({ isStopped: z.boolean() });

export const alertParamsSchema = z.object({ alertId: z.string().min(1).max(64) });
export const listAlertsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
