import { z } from 'zod';
import { auditActions } from './audit-actions.contract.ts';
import type { AuditAction } from './audit-actions.contract.ts';

/** An empty query parameter (`?action=`) means "no filter", not a bad value. */
function optional<Schema extends z.ZodType>(schema: Schema) {
  return z.preprocess((value) => (value === '' ? undefined : value), schema.optional());
}

const identifier = z
  .string()
  .max(100)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'must be an id');

/** Epoch milliseconds, or an ISO 8601 date-time with a zone (2026-03-01T12:00:00Z). */
const instant = z.union([
  z
    .string()
    .regex(/^\d{1,15}$/)
    .transform(Number),
  z.iso
    .datetime({ offset: true })
    .transform((value) => Date.parse(value))
    .pipe(z.number().refine(Number.isFinite, 'must be a real date')),
]);

export const auditBrowseQuerySchema = z
  .strictObject({
    action: optional(z.enum(auditActions)),
    actorMemberId: optional(identifier),
    objectType: optional(z.string().regex(/^[a-z][a-zA-Z_]{0,49}$/, 'must be an object type')),
    objectId: optional(identifier),
    from: optional(instant),
    to: optional(instant),
    limit: optional(
      z
        .string()
        .regex(/^\d{1,3}$/, 'must be a whole number')
        .transform(Number)
        .pipe(z.number().min(1).max(200)),
    ),
    /** The `nextCursor` of the previous page: the position to continue before. */
    cursor: optional(
      z
        .string()
        .regex(/^[1-9]\d{0,14}$/, 'must be a cursor from a previous page')
        .transform(Number),
    ),
  })
  .refine((query) => query.from === undefined || query.to === undefined || query.from <= query.to, {
    message: 'from must not be after to',
    path: ['from'],
  });

export type AuditBrowseQuery = z.infer<typeof auditBrowseQuerySchema>;

// Answers

/** One entry of the hash-chained audit trail. */
export interface AuditEntry {
  id: string;
  seq: number;
  /** An AuditAction as written; a tampered row may hold anything (verify reports it). */
  action: string;
  actorMemberId: string | null;
  objectType: string | null;
  objectId: string | null;
  metadata: unknown;
  /** ISO 8601; null when the stored time is not a real date. */
  createdAt: string | null;
  hash: string;
  prevHash: string;
}

/** GET /api/audit: newest first. */
export interface AuditEntryPage {
  entries: AuditEntry[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

/** GET /api/audit/actions: every action the trail may hold, to filter by. */
export interface AuditActionList {
  actions: readonly AuditAction[];
}

/** GET /api/audit/verify (and `amparo audit verify`, one per chain). */
export interface ChainVerification {
  chain: string;
  entries: number;
  isIntact: boolean;
  /** The first position where the chain stops being trustworthy. */
  firstBrokenSeq?: number;
  reason?: string;
  /** The last entry: record these outside the server to detect a later rewrite or truncation. */
  headSeq: number;
  headHash: string;
}
