import type { Readable } from 'node:stream';
import { inTransaction } from '../../platform/database/unit-of-work.ts';
import { newId } from '../../platform/ids/ids.ts';
import { recordAudit } from '../audit/index.ts';
import { requireStepUp } from '../auth/index.ts';
import type { Principal } from '../auth/index.ts';
import { requireEvidenceIncident } from './evidence.access.ts';
import { buildBundle } from './evidence.bundle.ts';
import { appendCustodyEvent } from './evidence.custody.ts';
import type { EvidenceDeps } from './evidence.deps.ts';
import { evidenceExporterRoles, unwrapFileKey } from './evidence.deps.ts';
import { listCustodyOfIncident, listEvidenceOfIncident, lockEvidenceItems } from './evidence.repository.ts';
import type { EvidenceRow } from './evidence.repository.ts';
import { readVerified } from './evidence.read.ts';

export interface EvidenceExport {
  fileName: string;
  itemCount: number;
  stream: Readable;
}

/**
 * The incident's evidence bundle for counsel (advocates and admins, with a fresh step-up). Every
 * stored file is decrypted and checked against its recorded hash first, so a damaged file fails
 * the export cleanly instead of yielding a bundle that does not verify. Then the export is written
 * to the audit trail and to each item's custody log, and the zip streams out.
 */
export async function exportIncidentEvidence(
  deps: EvidenceDeps,
  principal: Principal,
  incidentId: string,
): Promise<EvidenceExport> {
  const incident = await requireEvidenceIncident(deps.db, principal, incidentId, evidenceExporterRoles);
  requireStepUp(principal, deps.clock);
  const items = await listEvidenceOfIncident(deps.db, incident.id);
  for (const item of items) {
    await readVerified(deps, item, 'original', item.sha256);
    if (item.shared_sha256) await readVerified(deps, item, 'shared', item.shared_sha256);
  }
  const exportId = newId();
  const exportedAt = deps.clock.now();
  await inTransaction(deps, async (uow) => {
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
      metadata: { exportId, itemCount: items.length },
    });
  });
  const custody = await listCustodyOfIncident(deps.db, incident.id);
  const open = (item: EvidenceRow, variant: 'original' | 'shared') =>
    deps.store.read(item.network_id, item.id, variant, unwrapFileKey(deps.crypto, item.file_key_enc));
  return {
    fileName: `evidence-${incident.id}-${new Date(exportedAt).toISOString().slice(0, 10)}.zip`,
    itemCount: items.length,
    stream: buildBundle({
      exportId,
      networkId: incident.network_id,
      incidentId: incident.id,
      exportedBy: principal.memberId,
      exportedAt,
      items,
      custody,
      open,
    }),
  };
}
