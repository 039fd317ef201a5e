import { z } from 'zod';
import type { Role } from './member.contract.ts';

/** Caps of one import: a network's volunteers come in batches, never a whole phone book. */
export const importMaxRows = 200;
export const importMaxBytes = 64 * 1024;

/** Why one row of a CSV cannot become an invitation (the screen says each in the member's language). */
export const importRowProblems = [
  'NAME_MISSING',
  'NAME_TOO_LONG',
  'CONTACT_MISSING',
  'CONTACT_INVALID',
  'CONTACT_DUPLICATE',
  /** Email (or SMS) is not configured on this server, so the invitation could not be sent. */
  'CHANNEL_UNAVAILABLE',
  'ROLE_MISSING',
  'ROLE_UNKNOWN',
  'ROLE_NOT_GRANTABLE',
  'AREA_UNKNOWN',
  'LANGUAGE_UNSUPPORTED',
] as const;
export type ImportRowProblem = (typeof importRowProblems)[number];

export const importColumns = ['name', 'contact', 'roles', 'areas', 'languages'] as const;
export type ImportColumn = (typeof importColumns)[number];

/** POST /api/invitation-imports/preview and POST /api/invitation-imports: the file's text. */
export const invitationImportSchema = z.strictObject({
  csv: z.string().min(1).max(importMaxBytes),
});
export type InvitationImportInput = z.infer<typeof invitationImportSchema>;

export interface ImportRowPreview {
  /** The record's number in the file, counting the header as 1 (blank lines skipped). */
  line: number;
  name: string;
  channel: 'email' | 'sms' | null;
  roles: Role[];
  areas: string[];
  languages: string[];
  problems: { column: ImportColumn; problem: ImportRowProblem }[];
}

export interface ImportPreview {
  rows: ImportRowPreview[];
  validCount: number;
  invalidCount: number;
}

export interface ImportSent {
  /** Invitations made and queued for sending, one per row. */
  invited: number;
  byChannel: { email: number; sms: number };
}
