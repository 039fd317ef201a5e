import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import { createChainVerifier } from './audit-chain.ts';
import type { ChainAnchor, ChainVerification } from './audit-chain.ts';
import { findChainEntries, findChainNames } from './audit.repository.ts';

const pageSize = 1000;

/**
 * Recomputes every hash and link of one chain (a network id, or '-' for the deployment chain) or
 * of every chain, reading in pages so a long chain never sits in memory. With `anchors` (heads
 * recorded earlier, by chain) it also detects a chain cut short or rewritten since then.
 */
export async function verifyAuditChain(
  deps: { db: Kysely<Database> },
  chain?: string,
  options: { anchors?: Record<string, ChainAnchor> } = {},
): Promise<{ chains: ChainVerification[] }> {
  const names = chain === undefined ? await findChainNames(deps.db) : [chain];
  const chains: ChainVerification[] = [];
  for (const name of names) {
    const verifier = createChainVerifier(name, options.anchors?.[name]);
    let afterSeq = 0;
    for (;;) {
      const page = await findChainEntries(deps.db, name, afterSeq, pageSize);
      for (const row of page) verifier.check(row);
      const last = page.at(-1);
      if (!last || page.length < pageSize) break;
      afterSeq = last.seq;
    }
    chains.push(verifier.result());
  }
  return { chains };
}
