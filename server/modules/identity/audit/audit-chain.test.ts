import { describe, expect, it } from 'vitest';
import { createChainVerifier, genesisHash, hashAuditEntry } from './audit-chain.ts';
import type { AuditLogTable } from './audit.tables.ts';

function buildChain(length: number, chain = 'network-1'): AuditLogTable[] {
  const rows: AuditLogTable[] = [];
  for (let seq = 1; seq <= length; seq += 1) {
    const unhashed = {
      id: `entry-${seq}`,
      chain,
      seq,
      actor_member_id: 'member-1',
      action: 'member.roleGranted',
      object_type: 'member',
      object_id: `member-${seq}`,
      metadata: JSON.stringify({ role: 'dispatcher' }),
      created_at: 1_700_000_000_000 + seq,
      prev_hash: rows.at(-1)?.hash ?? genesisHash,
    };
    rows.push({ ...unhashed, hash: hashAuditEntry(unhashed) });
  }
  return rows;
}

function verify(rows: AuditLogTable[], anchor?: { seq: number; hash: string }) {
  const verifier = createChainVerifier('network-1', anchor);
  for (const row of [...rows].sort((a, b) => a.seq - b.seq)) verifier.check(row);
  return verifier.result();
}

function rehash(row: AuditLogTable): AuditLogTable {
  const { hash: _old, ...unhashed } = row;
  return { ...row, hash: hashAuditEntry(unhashed) };
}

describe('audit chain verification', () => {
  it('accepts an intact chain and reports its head', () => {
    const rows = buildChain(5);
    expect(verify(rows)).toEqual({
      chain: 'network-1',
      entries: 5,
      isIntact: true,
      headSeq: 5,
      headHash: rows[4]!.hash,
    });
    expect(verify([])).toMatchObject({ entries: 0, isIntact: true, headSeq: 0, headHash: genesisHash });
  });

  it.each([
    ['metadata', { metadata: JSON.stringify({ role: 'admin' }) }],
    ['action', { action: 'member.roleRevoked' }],
    ['actor', { actor_member_id: 'member-2' }],
    ['time', { created_at: 1 }],
  ])('finds an edited %s at the edited entry', (_field, change) => {
    const rows = buildChain(6);
    rows[2] = { ...rows[2]!, ...change };
    expect(verify(rows)).toMatchObject({
      isIntact: false,
      firstBrokenSeq: 3,
      reason: 'the entry was altered',
    });
  });

  it('finds an edit whose hash was recomputed at the next link', () => {
    const rows = buildChain(6);
    rows[2] = rehash({ ...rows[2]!, metadata: '{}' });
    expect(verify(rows)).toMatchObject({ isIntact: false, firstBrokenSeq: 4, reason: /does not link/ });
  });

  it('finds a deleted entry as a gap', () => {
    const rows = buildChain(6);
    rows.splice(3, 1);
    expect(verify(rows)).toMatchObject({ isIntact: false, firstBrokenSeq: 4, reason: 'entry 4 is missing' });
    expect(verify(buildChain(6).slice(1))).toMatchObject({ isIntact: false, firstBrokenSeq: 1 });
  });

  it('finds reordered entries', () => {
    const rows = buildChain(6);
    const [second, fifth] = [rows[1]!, rows[4]!];
    rows[1] = { ...fifth, seq: 2 };
    rows[4] = { ...second, seq: 5 };
    expect(verify(rows)).toMatchObject({ isIntact: false, firstBrokenSeq: 2 });
  });

  it('finds a truncated or rewritten chain only against an anchor recorded earlier', () => {
    const rows = buildChain(6);
    const anchor = { seq: 6, hash: rows[5]!.hash };
    expect(verify(rows, anchor).isIntact).toBe(true);
    // Cutting the newest entries leaves a self-consistent chain: only the anchor shows it.
    expect(verify(rows.slice(0, 4)).isIntact).toBe(true);
    expect(verify(rows.slice(0, 4), anchor)).toMatchObject({ isIntact: false, firstBrokenSeq: 5 });
    // A full rewrite from entry 3 on also verifies by itself, but not against the anchor.
    const rewritten = rows.slice(0, 2);
    for (const row of rows.slice(2)) {
      rewritten.push(rehash({ ...row, metadata: '{}', prev_hash: rewritten.at(-1)!.hash }));
    }
    expect(verify(rewritten).isIntact).toBe(true);
    expect(verify(rewritten, anchor)).toMatchObject({ isIntact: false, firstBrokenSeq: 6, reason: /anchor/ });
  });
});
