import { z } from 'zod';
import { templateKeys } from './alert-templates.ts';

const languageSchema = z.string().min(2).max(35);

/** A template in one language. */
export const templateRefSchema = z.strictObject({ language: languageSchema, key: z.enum(templateKeys) });
export type TemplateRef = z.infer<typeof templateRefSchema>;

/** Body of POST /api/alert-templates/preview: unsaved text, rendered with sample values. */
export const templatePreviewSchema = z.strictObject({
  key: z.enum(templateKeys),
  language: languageSchema,
  /** Lengths and placeholders are checked by the service (TEMPLATE_TOO_LONG, TEMPLATE_INVALID). */
  body: z.string().max(5000),
  /** The sample place is this ZIP code ("near ZIP 60608"). */
  sampleZip: z
    .string()
    .regex(/^\d{5}$/)
    .default('60608'),
  /** Sample free text, to see how a typical addition changes the count. */
  details: z.string().max(280).default(''),
});
export type TemplatePreviewInput = z.infer<typeof templatePreviewSchema>;

/**
 * Body of POST /api/alert-templates/proposals: new text for one template in one or more languages
 * (null restores the shipped text). Nothing changes until a second coordinator approves it.
 */
export const templateProposalSchema = z.strictObject({
  key: z.enum(templateKeys),
  texts: z
    .record(languageSchema, z.string().max(5000).nullable())
    .refine((texts) => Object.keys(texts).length > 0, 'name at least one language'),
});
export type TemplateProposalInput = z.infer<typeof templateProposalSchema>;

export const proposalParamsSchema = z.strictObject({ proposalId: z.string().min(1).max(64) });
