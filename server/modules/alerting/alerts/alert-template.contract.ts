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

// Answers

/** An alert template of one key and language: the network's version, or the default. */
export interface PresentedTemplate {
  key: TemplateKey;
  language: string;
  body: string;
  isDefault: boolean;
  /** The approved proposal that made this text active (`default`: shipped; `unversioned`: older). */
  version: string;
  updatedAt: number | null;
}

/** GET /api/alert-templates: every template in every network language. */
export interface TemplateList {
  templates: PresentedTemplate[];
  /** What a template may use (`{place}`, …); the message around it adds the network name and link. */
  placeholders: readonly string[];
  maxLength: number;
}

/** POST /api/alert-templates/preview: the SMS as an alert would carry it. */
export interface TemplatePreview {
  text: string;
  sms: string;
  smsSegments: number;
  smsEncoding: SmsEncoding;
}

/** pending → approved (now active) | rejected (or withdrawn by its proposer). */
export const proposalStates = ['pending', 'approved', 'rejected'] as const;
export type ProposalState = (typeof proposalStates)[number];

/** One piece of a word diff: unchanged, added by the proposal, or removed by it. */
export interface WordDiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** One language of a proposal: the text in use when it was proposed, the proposed text, their diff. */
export interface PresentedProposalLanguage {
  language: string;
  /** The text in use when it was proposed, and the SMS segments an alert with it takes. */
  current: { body: string; version: string; smsSegments: number; smsEncoding: SmsEncoding };
  proposed: { body: string; isDefault: boolean; smsSegments: number; smsEncoding: SmsEncoding };
  /** Word diff of current → proposed: what the approver must read. */
  diff: WordDiffPart[];
}

/** A proposed change to one template; it takes effect only when a second coordinator approves it. */
export interface PresentedProposal {
  id: string;
  key: TemplateKey;
  state: ProposalState;
  proposedBy: string;
  proposedAt: number;
  decidedBy: string | null;
  decidedAt: number | null;
  languages: PresentedProposalLanguage[];
}

/** GET /api/alert-templates/proposals: the pending proposals, newest first. */
export interface ProposalList {
  proposals: PresentedProposal[];
}

/** POST …/proposals, GET …/proposals/:proposalId, POST …/approve and …/reject. */
export interface ProposalAnswer {
  proposal: PresentedProposal;
}
