import type { Readable } from 'node:stream';
import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { recordAudit } from '../../identity/index.ts';
import { requireStepUp } from '../../identity/index.ts';
import type { Principal } from '../../identity/index.ts';
import { buildBundle } from './evidence-bundle.ts';
import { appendCustodyEvent } from './evidence-custody.service.ts';
import type { EvidenceDeps } from './evidence.deps.ts';
import { evidenceExporterRoles } from './evidence.deps.ts';
import { requireUsable, requireVisibleExport } from './evidence-export.service.ts';
import { findEvidenceExport, markExportDownloaded } from './evidence-export.repository.ts';
import { listCustodyOfIncident, listEvidenceOfIncident, lockEvidenceItems } from './evidence.repository.ts';
import type { EvidenceRow } from './evidence.repository.ts';
import { openStored, verifyStored } from './evidence-reads.service.ts';

export interface EvidenceExport {
  fileName: string;
  itemCount: number;
  stream: Readable;
}

/**
 * The approved bundle, downloaded once by its requester (advocate or admin, fresh step-up) within
 * the hour after a second person approved it. Every stored file is decrypted and checked against
 * its recorded hash first, so a damaged file fails the export cleanly instead of yielding a bundle
 * that does not verify (the export stays downloadable). Then the download is marked (a
 * compare-and-set: a second download gets EXPORT_ALREADY_DOWNLOADED) and written to the audit
 * trail and each item's custody log in one transaction, and the zip streams out.
 */
export async function downloadEvidenceExport(
  deps: EvidenceDeps,
  principal: Principal,
  exportId: string,
): Promise<EvidenceExport> {
  const { row, incident } = await requireVisibleExport(deps, principal, exportId, evidenceExporterRoles);
  requireStepUp(principal, deps.clock);
  if (row.requested_by !== principal.memberId) {
    throw new AppError('EXPORT_NOT_REQUESTER', 'Only the member who requested this export may download it.');
  }
  requireUsable(row, deps.clock.now());
  if (row.status !== 'approved' || row.approved_by === null) {
    throw new AppError(
      'EXPORT_NEEDS_APPROVAL',
      'A second advocate, admin or coordinator must approve this export first.',
    );
  }
  const approvedBy = row.approved_by;
  const items = await listEvidenceOfIncident(deps.db, incident.id);
  for (const item of items) {
    await verifyStored(deps, item, 'original', item.sha256);
    if (item.shared_sha256) await verifyStored(deps, item, 'shared', item.shared_sha256);
  }
  const exportedAt = deps.clock.now();
  await inTransaction(deps, async (uow) => {
    const claimed = await markExportDownloaded(uow.trx, {
      id: row.id,
      requestedBy: principal.memberId,
      now: exportedAt,
    });
    if (!claimed) {
      // Another download won the race, or the window closed meanwhile: say which.
      const current = await findEvidenceExport(uow.trx, row.id);
      requireUsable(current ?? { ...row, status: 'downloaded' }, exportedAt);
      throw new AppError(
        'EXPORT_ALREADY_DOWNLOADED',
        'This export was already downloaded; request a new one.',
      );
    }
    await lockEvidenceItems(
      uow.trx,
      deps.dialect,
      items.map((item) => item.id),
    );
    for (const item of items) {
      await appendCustodyEvent(deps, uow.trx, {
        evidenceId: item.id,
        action: 'exported',
        actorMemberId: principal.memberId,
        sha256: item.sha256,
        detail: { exportId },
      });
    }
    await recordAudit(deps, uow.trx, {
      networkId: incident.network_id,
      actorMemberId: principal.memberId,
      action: 'evidence.exported',
      objectType: 'incident',
      objectId: incident.id,
      metadata: { exportId, approvedBy, itemCount: items.length },
    });
  });
  const custody = await listCustodyOfIncident(deps.db, incident.id);
  const open = (item: EvidenceRow, variant: 'original' | 'shared') => openStored(deps, item, variant);
  return {
    fileName: `evidence-${incident.id}-${new Date(exportedAt).toISOString().slice(0, 10)}.zip`,
    itemCount: items.length,
    stream: buildBundle({
      exportId,
      networkId: incident.network_id,
      incidentId: incident.id,
      exportedBy: principal.memberId,
      approvedBy,
      exportedAt,
      items,
      custody,
      open,
    }),
  };
}
