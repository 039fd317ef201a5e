import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Clock } from '../../../platform/clock/clock.ts';
import type { DialectName } from '../../../platform/database/database.ts';
import type { Database } from '../../../platform/database/schema.ts';
import { newId } from '../../../platform/ids/ids.ts';
import type { CustodyAction } from './evidence.tables.ts';
import {
  findEvidenceItem,
  insertCustodyEvent,
  lockEvidenceItems,
  setCustodyHead,
} from './evidence.repository.ts';
import type { CustodyRow } from './evidence.repository.ts';

/**
 * How an entry's hash is computed; written into every export so counsel can recompute the chain:
 * SHA-256 (hex) of the JSON array [previousHash, id, evidenceId, action, actorMemberId, sha256,
 * detail, createdAt] — previousHash null for an item's first entry.
 */
export const custodyHashFormula =
  'sha256_hex(JSON.stringify([previousHash, id, evidenceId, action, actorMemberId, sha256, detail, createdAt]))';

export function custodyEntryHash(entry: {
  previousHash: string | null;
  id: string;
  evidenceId: string;
  action: string;
  actorMemberId: string | null;
  sha256: string;
  detail: string;
  createdAt: number;
}): string {
  const fields = [
    entry.previousHash,
    entry.id,
    entry.evidenceId,
    entry.action,
    entry.actorMemberId,
    entry.sha256,
    entry.detail,
    entry.createdAt,
  ];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/**
 * Appends a custody entry to one evidence item's chain, in the caller's transaction (which must
 * have locked the item with lockEvidenceItems, or call this once per item with `lock: true`).
 */
export async function appendCustodyEvent(
  deps: { dialect: DialectName; clock: Clock },
  trx: Transaction<Database>,
  entry: {
    evidenceId: string;
    action: CustodyAction;
    actorMemberId: string | null;
    sha256: string;
    detail?: object;
  },
  options: { lock?: boolean } = {},
): Promise<CustodyRow> {
  if (options.lock) await lockEvidenceItems(trx, deps.dialect, [entry.evidenceId]);
  const item = await findEvidenceItem(trx, entry.evidenceId);
  if (!item) throw new Error('evidence vanished inside its transaction');
  const row = {
    id: newId(),
    network_id: item.network_id,
    evidence_id: item.id,
    incident_id: item.incident_id,
    action: entry.action,
    actor_member_id: entry.actorMemberId,
    sha256: entry.sha256,
    detail: JSON.stringify(entry.detail ?? {}),
    created_at: deps.clock.now(),
    previous_hash: item.custody_head_hash,
    entry_hash: '',
  };
  row.entry_hash = custodyEntryHash({
    previousHash: row.previous_hash,
    id: row.id,
    evidenceId: row.evidence_id,
    action: row.action,
    actorMemberId: row.actor_member_id,
    sha256: row.sha256,
    detail: row.detail,
    createdAt: row.created_at,
  });
  await insertCustodyEvent(trx, row);
  await setCustodyHead(trx, item.id, row.entry_hash);
  return row;
}
