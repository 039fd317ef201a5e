import { randomInt } from 'node:crypto';
import type { Clock } from '../../../platform/clock/clock.ts';
import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import type { UnitOfWork } from '../../../platform/database/unit-of-work.ts';
import { newId } from '../../../platform/ids/ids.ts';
import { enqueueJob, enqueueJobInUnitOfWork } from '../../../platform/jobs/index.ts';
import type { JobWaker } from '../../../platform/jobs/index.ts';
import { activeMembersHoldingRole, findNetworkById } from '../../identity/index.ts';
import { areaIdsOfIncident, findIncidentById, recordIncidentChange } from '../../intake/index.ts';
import { findOnDutyMembers } from '../rota/index.ts';
import type { PageRound } from './paging.contract.ts';
import type { PagingDeps } from './paging.deps.ts';
import { hasUnansweredPageSince, insertPageOnce, lockMemberPaging } from './paging.repository.ts';

export const pageIncidentJobName = 'paging.pageIncident';
export const deliverPageJobName = 'paging.deliverPage';
/** At most one page a minute to a person while their last page is unanswered. */
export const quietPeriodMs = 60_000;

/** No 0/O, 1/I/L, 2/Z, 5/S, 6/G, 8/B, as offer codes: read on a cracked screen, typed back right. */
const codeAlphabet = 'ACDEFHJKMNPRTUVWXY3479';

export function newAckCode(): string {
  let code = '';
  for (let index = 0; index < 4; index += 1) code += codeAlphabet[randomInt(codeAlphabet.length)];
  return code;
}

/**
 * The port intake calls in the report's transaction when a report opens an incident: one
 * `paging.pageIncident` job per incident (keyed, so a surge of reports pages once per cluster).
 */
export async function schedulePagingForIncident(
  deps: { clock: Clock; jobs: JobWaker },
  uow: UnitOfWork,
  incident: { id: string; networkId: string; createdAt: number },
): Promise<void> {
  await enqueueJobInUnitOfWork(uow, deps, {
    name: pageIncidentJobName,
    payload: { incidentId: incident.id, round: 'new' satisfies PageRound },
    idempotencyKey: `${pageIncidentJobName}:${incident.id}:new`,
  });
}

export type PagingResult = { paged: string[]; held: string[] } | { skipped: 'gone' | 'claimed' };

/**
 * One round of pages for an incident: `new` and `unclaimed` go to the dispatchers on duty in its
 * area (the rota's `findOnDutyMembers`), or to its coordinators when nobody is on duty;
 * `escalation` goes to its coordinators. Each person gets one page per round (a unique row); one
 * paged in the last minute who has not answered gets theirs a minute later. The first round
 * schedules the next two (N and M minutes after the incident opened, network settings).
 */
export async function pageIncident(
  deps: PagingDeps,
  input: { incidentId: string; round: PageRound },
): Promise<PagingResult> {
  const incident = await findIncidentById(deps.db, input.incidentId);
  if (!incident || incident.status === 'closed' || incident.merged_into_id !== null)
    return { skipped: 'gone' };
  if (incident.claimed_by !== null) return { skipped: 'claimed' };
  const now = deps.clock.now();
  const areaIds = await areaIdsOfIncident(deps.db, incident);
  const networkId = incident.network_id;
  const onDuty =
    input.round === 'escalation'
      ? []
      : await findOnDutyMembers(deps.db, {
          networkId,
          role: 'dispatcher',
          areaIds: areaIds.length > 0 ? areaIds : 'any',
          at: now,
        });
  const recipients =
    onDuty.length > 0
      ? onDuty
      : (await activeMembersHoldingRole(deps.db, { networkId, role: 'coordinator', areaIds }).execute())
          .map((member) => member.id)
          .sort();
  const network = await findNetworkById(deps.db, networkId);
  const settings = network?.settings;
  const result = { paged: [] as string[], held: [] as string[] };
  await inTransaction(deps, async (uow) => {
    for (const memberId of recipients) {
      await lockMemberPaging(uow.trx, deps.dialect, memberId);
      const isQuiet = await hasUnansweredPageSince(uow.trx, memberId, now - quietPeriodMs);
      const page = {
        id: newId(),
        network_id: networkId,
        incident_id: incident.id,
        member_id: memberId,
        round: input.round,
        channels: isQuiet ? 'held' : 'pending',
        ack_code: newAckCode(),
        sent_at: now,
        acknowledged_at: null,
        acknowledged_via: null,
      };
      if (!(await insertPageOnce(uow.trx, page))) continue;
      (isQuiet ? result.held : result.paged).push(memberId);
      await enqueueJobInUnitOfWork(uow, deps, {
        name: deliverPageJobName,
        payload: { pageId: page.id },
        idempotencyKey: `${deliverPageJobName}:${page.id}`,
        runAt: isQuiet ? now + quietPeriodMs : now,
      });
      await recordIncidentChange(deps, uow, {
        incidentId: incident.id,
        actorMemberId: null,
        history: { kind: 'paged' },
        audit: 'paging.paged',
        realtime: 'incident.updated',
        metadata: { memberId, round: input.round, isHeld: isQuiet },
      });
    }
    if (input.round === 'new' && settings) {
      const later: [PageRound, number][] = [
        ['unclaimed', settings.pageUnclaimedAfterMinutes],
        ['escalation', settings.escalateUnclaimedAfterMinutes],
      ];
      for (const [round, minutes] of later) {
        await enqueueJob(uow.trx, deps.clock, {
          name: pageIncidentJobName,
          payload: { incidentId: incident.id, round },
          idempotencyKey: `${pageIncidentJobName}:${incident.id}:${round}`,
          runAt: incident.created_at + minutes * 60_000,
        });
      }
    }
  });
  return result;
}
