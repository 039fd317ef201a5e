import type { Transaction } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { newId, newSecretToken } from '../../../platform/ids/ids.ts';
import type { Principal } from '../../identity/index.ts';
import { aggregateReports } from './incident-aggregates.ts';
import { recordIncidentChange } from './incident-changes.service.ts';
import type { IncidentDeps } from './incident.deps.ts';
import { requireIncidentAccess } from './incident-access.policy.ts';
import type { PresentedIncident } from './incident-presenter.ts';
import { listReportFacts, moveReports } from './incident-reports.repository.ts';
import {
  findIncidentById,
  insertIncident,
  lockNetworkIntake,
  updateIncident,
} from './incident.repository.ts';
import type { IncidentRow } from './incident.repository.ts';
import { presentWithHolder } from './incident-status.service.ts';

/**
 * Moves every report of one incident into another (the same event reported as two). The emptied
 * incident closes as merged and points at the other, so its public status link keeps working.
 */
export async function mergeIncident(
  deps: IncidentDeps,
  principal: Principal,
  incidentId: string,
  input: { intoIncidentId: string },
): Promise<PresentedIncident> {
  if (incidentId === input.intoIncidentId) throw mergeInvalid('An incident cannot be merged into itself.');
  const { incident: source } = await requireIncidentAccess(deps.db, { principal, incidentId });
  const { incident: target } = await requireIncidentAccess(deps.db, {
    principal,
    incidentId: input.intoIncidentId,
  });
  const { unverifiedExpiryMs } = await deps.settingsFor(principal.networkId);
  const now = deps.clock.now();

  const merged = await inTransaction(deps, async (uow) => {
    await lockNetworkIntake(uow.trx, deps.dialect, principal.networkId);
    const from = await reread(uow.trx, source.id);
    const into = await reread(uow.trx, target.id);
    if (from.status === 'closed' || into.status === 'closed') {
      throw new AppError('INCIDENT_CLOSED', 'A closed incident cannot be merged.');
    }
    const moved = await moveReports(uow.trx, { fromIncidentId: from.id, toIncidentId: into.id });
    await updateIncident(uow.trx, into.id, {
      ...aggregateReports(await listReportFacts(uow.trx, into.id), into, unverifiedExpiryMs),
      updated_at: now,
    });
    await updateIncident(uow.trx, from.id, {
      status: 'closed',
      closed_reason: 'merged',
      merged_into_id: into.id,
      closed_at: now,
      status_changed_at: now,
      expires_at: null,
      report_count: 0,
      source_count: 0,
      updated_at: now,
    });
    await recordIncidentChange(deps, uow, {
      incidentId: from.id,
      actorMemberId: principal.memberId,
      history: { kind: 'merged', fromStatus: from.status, toStatus: 'closed' },
      audit: 'incident.merged',
      realtime: 'incident.merged',
      metadata: { intoIncidentId: into.id, movedReports: moved },
    });
    return recordIncidentChange(deps, uow, {
      incidentId: into.id,
      actorMemberId: principal.memberId,
      history: { kind: 'mergedFrom' },
      audit: 'incident.merged',
      realtime: 'incident.updated',
      metadata: { fromIncidentId: from.id, movedReports: moved },
    });
  });
  return presentWithHolder(deps, merged);
}

/**
 * Moves some reports of an incident into a new incident (two events clustered as one). The new
 * incident starts as new and unclaimed; both incidents' counts and locations are recomputed.
 */
export async function splitIncident(
  deps: IncidentDeps,
  principal: Principal,
  incidentId: string,
  input: { reportIds: readonly string[] },
): Promise<{ incident: PresentedIncident; newIncident: PresentedIncident }> {
  const { incident } = await requireIncidentAccess(deps.db, { principal, incidentId });
  const reportIds = [...new Set(input.reportIds)];
  const { unverifiedExpiryMs } = await deps.settingsFor(principal.networkId);
  const now = deps.clock.now();

  const { kept, created } = await inTransaction(deps, async (uow) => {
    await lockNetworkIntake(uow.trx, deps.dialect, principal.networkId);
    const current = await reread(uow.trx, incident.id);
    if (current.status === 'closed') throw new AppError('INCIDENT_CLOSED', 'This incident is closed.');
    const facts = await listReportFacts(uow.trx, current.id);
    const moving = facts.filter((report) => reportIds.includes(report.id));
    if (moving.length !== reportIds.length) throw splitInvalid('Every report must belong to this incident.');
    if (moving.length === facts.length) throw splitInvalid('Leave at least one report in the incident.');
    const first = moving[0]!;
    const newIncident: IncidentRow = {
      id: newId(),
      network_id: current.network_id,
      public_id: newSecretToken(12),
      status: 'new',
      outcome: null,
      closed_reason: null,
      merged_into_id: null,
      category: first.category,
      ...aggregateReports(
        moving,
        { category: first.category, status: 'new', expires_at: null },
        unverifiedExpiryMs,
      ),
      claimed_by: null,
      claimed_at: null,
      status_changed_at: now,
      closed_at: null,
      created_at: now,
      updated_at: now,
      // Reports split from a withheld incident stay off the public pages with it.
      public_withheld_at: current.public_withheld_at,
      public_withheld_by: current.public_withheld_by,
      public_withheld_reason_enc: current.public_withheld_reason_enc,
    };
    await insertIncident(uow.trx, newIncident);
    await moveReports(uow.trx, { fromIncidentId: current.id, toIncidentId: newIncident.id, reportIds });
    const remaining = facts.filter((report) => !reportIds.includes(report.id));
    await updateIncident(uow.trx, current.id, {
      ...aggregateReports(remaining, current, unverifiedExpiryMs),
      updated_at: now,
    });
    const metadata = { newIncidentId: newIncident.id, movedReports: moving.length, splitFromId: current.id };
    const kept = await recordIncidentChange(deps, uow, {
      incidentId: current.id,
      actorMemberId: principal.memberId,
      history: { kind: 'split' },
      audit: 'incident.split',
      realtime: 'incident.updated',
      metadata,
    });
    const created = await recordIncidentChange(deps, uow, {
      incidentId: newIncident.id,
      actorMemberId: principal.memberId,
      history: { kind: 'splitFrom', toStatus: 'new' },
      audit: 'incident.split',
      realtime: 'incident.opened',
      metadata,
    });
    return { kept, created };
  });
  return {
    incident: await presentWithHolder(deps, kept),
    newIncident: await presentWithHolder(deps, created),
  };
}

async function reread(trx: Transaction<Database>, id: string): Promise<IncidentRow> {
  const row = await findIncidentById(trx, id);
  if (!row) throw new AppError('INCIDENT_NOT_FOUND', 'Incident not found.');
  return row;
}

function mergeInvalid(message: string): AppError {
  return new AppError('INCIDENT_MERGE_INVALID', message);
}

function splitInvalid(message: string): AppError {
  return new AppError('INCIDENT_SPLIT_INVALID', message);
}
