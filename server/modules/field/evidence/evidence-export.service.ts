import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import type { UnitOfWork } from '../../../platform/database/unit-of-work.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { newId } from '../../../platform/ids/ids.ts';
import { recordAudit } from '../../identity/index.ts';
import { requireRole, requireStepUp } from '../../identity/index.ts';
import type { Principal } from '../../identity/index.ts';
import type { Role } from '../../identity/index.ts';
import { rooms } from '../../../platform/realtime/rooms.ts';
import { requireEvidenceIncident } from './evidence-access.service.ts';
import type { EvidenceDeps } from './evidence.deps.ts';
import { evidenceExportApproverRoles, evidenceExporterRoles } from './evidence.deps.ts';
import {
  findEvidenceExport,
  insertEvidenceExport,
  listEvidenceExportsOfIncident,
  markExportApproved,
} from './evidence-export.repository.ts';
import type { EvidenceEventType, EvidenceExportList, PresentedEvidenceExport } from './evidence.contract.ts';
import type { EvidenceExportRow } from './evidence-export.repository.ts';
import type { IncidentRow } from '../../intake/index.ts';
import { areaIdsOfIncident } from '../../intake/index.ts';

/** An unapproved request lapses after a day; an approved one must be downloaded within an hour. */
export const exportRequestLifetimeMs = 24 * 60 * 60 * 1000;
export const exportDownloadWindowMs = 60 * 60 * 1000;

export type { PresentedEvidenceExport } from './evidence.contract.ts';

export function presentEvidenceExport(row: EvidenceExportRow, now: number): PresentedEvidenceExport {
  const lapsed = row.status !== 'downloaded' && Number(row.expires_at) <= now;
  return {
    id: row.id,
    incidentId: row.incident_id,
    status: lapsed ? 'expired' : row.status,
    requestedBy: row.requested_by,
    requestedAt: Number(row.requested_at),
    approvedBy: row.approved_by,
    approvedAt: row.approved_at === null ? null : Number(row.approved_at),
    downloadedAt: row.downloaded_at === null ? null : Number(row.downloaded_at),
    expiresAt: Number(row.expires_at),
  };
}

/**
 * An advocate or admin (fresh step-up) asks for an incident's evidence bundle. Nothing leaves yet:
 * the request waits for a different advocate, admin or coordinator to approve it.
 */
export async function requestEvidenceExport(
  deps: EvidenceDeps,
  principal: Principal,
  incidentId: string,
): Promise<PresentedEvidenceExport> {
  const incident = await requireEvidenceIncident(deps.db, principal, incidentId, evidenceExporterRoles);
  requireStepUp(principal, deps.clock);
  const now = deps.clock.now();
  const row: EvidenceExportRow = {
    id: newId(),
    network_id: incident.network_id,
    incident_id: incident.id,
    requested_by: principal.memberId,
    requested_at: now,
    status: 'pending',
    approved_by: null,
    approved_at: null,
    downloaded_at: null,
    expires_at: now + exportRequestLifetimeMs,
    updated_at: now,
  };
  await inTransaction(deps, async (uow) => {
    await insertEvidenceExport(uow.trx, row);
    await recordAudit(deps, uow.trx, {
      networkId: incident.network_id,
      actorMemberId: principal.memberId,
      action: 'evidence.exportRequested',
      objectType: 'incident',
      objectId: incident.id,
      metadata: { exportId: row.id },
    });
    await emitExportChange(uow, incident, row, 'evidence.exportRequested', now);
  });
  return presentEvidenceExport(row, now);
}

/** The incident's export requests, for the people who request and approve them. */
export async function listEvidenceExports(
  deps: EvidenceDeps,
  principal: Principal,
  incidentId: string,
): Promise<EvidenceExportList> {
  const incident = await requireEvidenceIncident(deps.db, principal, incidentId, evidenceExportApproverRoles);
  const now = deps.clock.now();
  const rows = await listEvidenceExportsOfIncident(deps.db, incident.id);
  return { exports: rows.map((row) => presentEvidenceExport(row, now)) };
}

/**
 * The second person: an advocate, admin or coordinator who may see the incident, with a fresh
 * step-up, and who is not the requester. Opens a one-hour window for the requester's download.
 */
export async function approveEvidenceExport(
  deps: EvidenceDeps,
  principal: Principal,
  exportId: string,
): Promise<PresentedEvidenceExport> {
  const { row, incident } = await requireVisibleExport(
    deps,
    principal,
    exportId,
    evidenceExportApproverRoles,
  );
  requireStepUp(principal, deps.clock);
  if (row.requested_by === principal.memberId) {
    throw new AppError('EXPORT_SELF_APPROVAL', 'A different person must approve this export.');
  }
  const now = deps.clock.now();
  requireUsable(row, now);
  if (row.status !== 'pending') {
    throw new AppError('EXPORT_ALREADY_APPROVED', 'This export was already approved.');
  }
  await inTransaction(deps, async (uow) => {
    const changed = await markExportApproved(uow.trx, {
      id: row.id,
      approvedBy: principal.memberId,
      now,
      downloadUntil: now + exportDownloadWindowMs,
    });
    if (!changed) throw new AppError('EXPORT_ALREADY_APPROVED', 'This export was already approved.');
    await recordAudit(deps, uow.trx, {
      networkId: row.network_id,
      actorMemberId: principal.memberId,
      action: 'evidence.exportApproved',
      objectType: 'incident',
      objectId: row.incident_id,
      metadata: { exportId: row.id, requestedBy: row.requested_by },
    });
    await emitExportChange(uow, incident, row, 'evidence.exportApproved', now);
  });
  const approved = await findEvidenceExport(deps.db, row.id);
  if (!approved) throw new Error('the export vanished after its approval');
  return presentEvidenceExport(approved, now);
}

/** The export, if the principal holds one of `roles` for its incident; otherwise not found. */
export async function requireVisibleExport(
  deps: EvidenceDeps,
  principal: Principal,
  exportId: string,
  roles: readonly Role[],
): Promise<{ row: EvidenceExportRow; incident: IncidentRow }> {
  requireRole(principal, roles);
  const row = await findEvidenceExport(deps.db, exportId);
  if (!row || row.network_id !== principal.networkId) throw exportNotFound();
  const incident = await requireEvidenceIncident(deps.db, principal, row.incident_id, roles).catch(
    (error: unknown) => {
      throw error instanceof AppError && error.code === 'INCIDENT_NOT_FOUND' ? exportNotFound() : error;
    },
  );
  return { row, incident };
}

/** Refuses a downloaded export and one whose request or download window has lapsed. */
export function requireUsable(row: EvidenceExportRow, now: number): void {
  if (row.status === 'downloaded') {
    throw new AppError('EXPORT_ALREADY_DOWNLOADED', 'This export was already downloaded; request a new one.');
  }
  if (Number(row.expires_at) <= now) {
    throw new AppError('EXPORT_EXPIRED', 'This export expired; request a new one.');
  }
}

function exportNotFound(): AppError {
  return new AppError('EXPORT_NOT_FOUND', 'Export not found.');
}

/**
 * A request goes to the approvers' rooms (network-wide and for the incident's areas); an approval
 * to the requester. Ids and status only.
 */
async function emitExportChange(
  uow: UnitOfWork,
  incident: IncidentRow,
  row: EvidenceExportRow,
  type: Exclude<EvidenceEventType, 'evidence.received'>,
  now: number,
): Promise<void> {
  let targets: string[];
  if (type === 'evidence.exportApproved') {
    targets = [rooms.member(row.requested_by)];
  } else {
    const areaIds = await areaIdsOfIncident(uow.trx, incident);
    targets = evidenceExportApproverRoles.flatMap((role) => [
      rooms.role(row.network_id, role),
      ...areaIds.map((areaId) => rooms.areaRole(areaId, role)),
    ]);
  }
  uow.emit({
    type,
    networkId: row.network_id,
    rooms: targets,
    data: { exportId: row.id, incidentId: row.incident_id },
    occurredAt: now,
  });
}
