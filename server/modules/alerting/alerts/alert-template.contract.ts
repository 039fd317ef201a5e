import { z } from 'zod';
import type { SmsEncoding } from './alert.contract.ts';

/** One template per incident category for verified alerts, then updates, all-clears and fixes. */
export const templateKeys = [
  'alert.home',
  'alert.workplace',
  'alert.street_stop',
  'alert.checkpoint',
  'alert.courthouse',
  'alert.transport',
  'alert.other',
  'update',
  'allClear',
  'correction',
  'cancellation',
] as const;
export type TemplateKey = (typeof templateKeys)[number];

const languageSchema = z.string().min(2).max(35);

/** Path of DELETE /api/alert-templates/:language/:key. */
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

// Answers

/** An alert template of one key and language: the network's version, or the default. */
export interface PresentedTemplate {
  key: TemplateKey;
  language: string;
  body: string;
  isDefault: boolean;
  updatedAt: number | null;
}

/** GET /api/alert-templates: every template in every network language. */
export interface TemplateList {
  templates: PresentedTemplate[];
  /** What a template may use (`{place}`, …); the message around it adds the network name and link. */
  placeholders: readonly string[];
  maxLength: number;
}

/** PUT /api/alert-templates and DELETE /api/alert-templates/:language/:key (back to the default). */
export interface TemplateAnswer {
  template: PresentedTemplate;
}

/** POST /api/alert-templates/preview: the SMS as an alert would carry it. */
export interface TemplatePreview {
  text: string;
  sms: string;
  smsSegments: number;
  smsEncoding: SmsEncoding;
}
