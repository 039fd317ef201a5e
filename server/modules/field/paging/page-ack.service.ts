import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { filterActiveMembersHoldingRole } from '../../identity/index.ts';
import type { Principal } from '../../identity/index.ts';
import {
  areaIdsOfIncident,
  claimIncidentForPage,
  findIncidentById,
  incidentRoles,
  recordIncidentChange,
  requireIncidentAccess,
} from '../../intake/index.ts';
import type { PageAcknowledgement } from './paging.contract.ts';
import type { PagingDeps } from './paging.deps.ts';
import { findPage, markAcknowledged } from './paging.repository.ts';
import type { PageRow } from './paging.repository.ts';

/**
 * Answers a page and claims its incident for the one who answered, when nobody holds it: every
 * unanswered page of that incident to that person is marked, and the acknowledgement is on the
 * incident's timeline (and audited), all in one transaction.
 */
async function acknowledge(
  deps: PagingDeps,
  page: PageRow,
  via: 'link' | 'sms',
): Promise<PageAcknowledgement> {
  const now = deps.clock.now();
  return inTransaction(deps, async (uow) => {
    const marked = await markAcknowledged(uow.trx, {
      incidentId: page.incident_id,
      memberId: page.member_id,
      at: now,
      via,
    });
    const isClaimed = await claimIncidentForPage(deps, uow, {
      incidentId: page.incident_id,
      memberId: page.member_id,
      via,
    });
    if (marked > 0) {
      await recordIncidentChange(deps, uow, {
        incidentId: page.incident_id,
        actorMemberId: page.member_id,
        history: { kind: 'pageAcknowledged' },
        audit: 'paging.acknowledged',
        realtime: 'incident.updated',
        metadata: { memberId: page.member_id, via, round: page.round, isClaimed },
      });
    }
    const incident = await findIncidentById(uow.trx, page.incident_id);
    return { incidentId: page.incident_id, isClaimedByMe: incident?.claimed_by === page.member_id };
  });
}

/** The page link opened in the app: only the paged member, while they may still work the incident. */
export async function acknowledgePageByLink(
  deps: PagingDeps,
  principal: Principal,
  pageId: string,
): Promise<PageAcknowledgement> {
  const page = await findPage(deps.db, pageId);
  if (!page || page.member_id !== principal.memberId) {
    throw new AppError('PAGE_NOT_FOUND', 'This page is not yours, or it no longer exists.');
  }
  await requireIncidentAccess(deps.db, { principal, incidentId: page.incident_id, roles: incidentRoles });
  return acknowledge(deps, page, 'link');
}

/** A texted code (`TOMO K7H3`) from the member's verified number; null when it names no page of theirs. */
export async function acknowledgePageBySms(
  deps: PagingDeps,
  page: PageRow,
): Promise<PageAcknowledgement | null> {
  const incident = await findIncidentById(deps.db, page.incident_id);
  if (!incident) return null;
  const areaIds = await areaIdsOfIncident(deps.db, incident);
  for (const role of incidentRoles) {
    const allowed = await filterActiveMembersHoldingRole(deps.db, {
      networkId: page.network_id,
      role,
      areaIds,
      memberIds: [page.member_id],
    });
    if (allowed.has(page.member_id)) return acknowledge(deps, page, 'sms');
  }
  return null;
}
