import { z } from 'zod';
import { incidentStatuses } from './incident.tables.ts';

export const incidentIdSchema = z.uuid();

export const incidentParamsSchema = z.object({ incidentId: incidentIdSchema });

export const queueQuerySchema = z.strictObject({
  status: z.enum([...incidentStatuses, 'active']).optional(),
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

export const detailQuerySchema = z.strictObject({
  /** Reporter callback contacts are shown only when asked for, and that read is audited. */
  includeContact: z.enum(['true', 'false']).optional(),
});

const noteBodySchema = z.string().trim().min(1).max(4000);

export const statusChangeSchema = z.strictObject({
  status: z.enum(incidentStatuses),
  note: noteBodySchema.optional(),
});

export const claimSchema = z.strictObject({ takeOver: z.boolean().optional() });

export const noteSchema = z.strictObject({ body: noteBodySchema });

export const mergeSchema = z.strictObject({ intoIncidentId: incidentIdSchema });

export const splitSchema = z.strictObject({ reportIds: z.array(z.uuid()).min(1).max(500) });
