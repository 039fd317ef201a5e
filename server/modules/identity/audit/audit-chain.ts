import { createHash } from 'node:crypto';
import type { ChainVerification } from './audit.contract.ts';
import type { AuditLogTable } from './audit.tables.ts';

export const genesisHash = '0'.repeat(64);

/** The fields covered by an entry's hash, in a fixed order. */
export function hashAuditEntry(entry: Omit<AuditLogTable, 'hash'>): string {
  const canonical = JSON.stringify([
    entry.id,
    entry.chain,
    entry.seq,
    entry.actor_member_id,
    entry.action,
    entry.object_type,
    entry.object_id,
    entry.metadata,
    entry.created_at,
    entry.prev_hash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

export type { ChainVerification } from './audit.contract.ts';

/** A head recorded earlier (from `amparo audit verify` output) that the chain must still contain. */
export interface ChainAnchor {
  seq: number;
  hash: string;
}

/**
 * Checks a chain's entries fed in seq order: every hash recomputes, every entry links to the one
 * before it, and positions run 1, 2, 3... without gaps. Catches an edited entry (its hash), a
 * deleted one (a gap), reordering (seq is hashed) and a re-hashed edit (the next link breaks).
 */
export function createChainVerifier(chain: string, anchor?: ChainAnchor) {
  let entries = 0;
  let expectedSeq = 1;
  let previousHash = genesisHash;
  let broken: { seq: number; reason: string } | null = null;

  function findProblem(row: AuditLogTable): { seq: number; reason: string } | null {
    if (row.seq !== expectedSeq) return { seq: expectedSeq, reason: `entry ${expectedSeq} is missing` };
    const { hash, ...unhashed } = row;
    if (hashAuditEntry(unhashed) !== hash) return { seq: row.seq, reason: 'the entry was altered' };
    if (row.prev_hash !== previousHash) {
      return { seq: row.seq, reason: 'the entry does not link to the entry before it' };
    }
    if (anchor && row.seq === anchor.seq && row.hash !== anchor.hash) {
      return { seq: row.seq, reason: 'the entry differs from the recorded anchor' };
    }
    return null;
  }

  return {
    check(row: AuditLogTable): void {
      entries += 1;
      broken ??= findProblem(row);
      expectedSeq = row.seq + 1;
      previousHash = row.hash;
    },
    result(): ChainVerification {
      const headSeq = expectedSeq - 1;
      if (!broken && anchor && anchor.seq > headSeq) {
        broken = {
          seq: headSeq + 1,
          reason: `entries after ${headSeq} are missing (anchor at ${anchor.seq})`,
        };
      }
      return {
        chain,
        entries,
        isIntact: broken === null,
        ...(broken ? { firstBrokenSeq: broken.seq, reason: broken.reason } : {}),
        headSeq,
        headHash: previousHash,
      };
    },
  };
}
