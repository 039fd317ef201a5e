import type { Kysely } from 'kysely';
import type { Clock } from '../../../platform/clock/clock.ts';
import type { DialectName } from '../../../platform/database/database.ts';
import type { Database } from '../../../platform/database/schema.ts';
import { requireRole, requireSecondFactorEnrolled } from '../auth/auth.policy.ts';
import type { Principal } from '../auth/index.ts';
import type { ChainVerification } from './audit-chain.ts';
import { findAuditEntries } from './audit.repository.ts';
import { auditActions } from './audit-actions.contract.ts';
import type { AuditActionList, AuditBrowseQuery } from './audit.contract.ts';
import { recordAudit } from './audit.service.ts';
import type { AuditMetadata } from './audit.service.ts';
import type { AuditLogTable } from './audit.tables.ts';
import { verifyAuditChain } from './audit-verification.service.ts';

export interface AuditBrowseDeps {
  db: Kysely<Database>;
  dialect: DialectName;
  clock: Clock;
}

export const defaultPageSize = 50;

export interface AuditPage {
  entries: AuditLogTable[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: number | null;
}

function requireAuditReader(principal: Principal): void {
  requireRole(principal, ['admin']);
  requireSecondFactorEnrolled(principal);
}

/**
 * One page of the admin's own network's audit trail, newest first. Browsing is itself recorded
 * (with the filters used, which are ids and action names only) in the same transaction.
 */
export async function browseAudit(
  deps: AuditBrowseDeps,
  principal: Principal,
  query: AuditBrowseQuery,
): Promise<AuditPage> {
  requireAuditReader(principal);
  const limit = query.limit ?? defaultPageSize;
  return deps.db.transaction().execute(async (trx) => {
    const rows = await findAuditEntries(trx, {
      chain: principal.networkId,
      action: query.action,
      actorMemberId: query.actorMemberId,
      objectType: query.objectType,
      objectId: query.objectId,
      from: query.from,
      to: query.to,
      beforeSeq: query.cursor,
      limit: limit + 1,
    });
    const entries = rows.slice(0, limit);
    const filters: AuditMetadata = Object.fromEntries(
      Object.entries(query).filter((entry): entry is [string, string | number] => entry[1] !== undefined),
    );
    await recordAudit(deps, trx, {
      networkId: principal.networkId,
      actorMemberId: principal.memberId,
      action: 'audit.browsed',
      metadata: { ...filters, returned: entries.length },
    });
    return { entries, nextCursor: rows.length > limit ? (entries.at(-1)?.seq ?? null) : null };
  });
}

/** The actions an admin may filter the trail by: the whole catalogue, so the filter never lags it. */
export function listAuditActions(principal: Principal): AuditActionList {
  requireAuditReader(principal);
  return { actions: auditActions };
}

/** Verifies the admin's own network's chain; the check is recorded after it ran. */
export async function verifyNetworkAudit(
  deps: AuditBrowseDeps,
  principal: Principal,
): Promise<ChainVerification> {
  requireAuditReader(principal);
  const { chains } = await verifyAuditChain(deps, principal.networkId);
  const [verification] = chains;
  if (!verification) throw new Error('verification of one chain returned nothing');
  await recordAudit(deps, deps.db, {
    networkId: principal.networkId,
    actorMemberId: principal.memberId,
    action: 'audit.verified',
    metadata: { isIntact: verification.isIntact, headSeq: verification.headSeq },
  });
  return verification;
}
