import { z } from 'zod';
import { alertStatuses } from './alert.tables.ts';
import { templateKeys } from './alert-templates.ts';

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

export const followUpSchema = z.strictObject({ freeText: freeTextSchema });
export type FollowUpInput = z.infer<typeof followUpSchema>;

export const stopSwitchSchema = z.strictObject({ isStopped: z.boolean() });

export const templateUpdateSchema = z.strictObject({
  key: z.enum(templateKeys),
  language: z.string().min(2).max(35),
  /** null restores the pre-translated default. */
  body: z.string().max(5000).nullable(),
});
export type TemplateUpdateInput = z.infer<typeof templateUpdateSchema>;

export const alertParamsSchema = z.object({ alertId: z.string().min(1).max(64) });
export const listAlertsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
