import { createHash } from 'node:crypto';
import { inTransaction } from '../../platform/database/unit-of-work.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { recordSensitiveRead } from '../audit/index.ts';
import type { Principal } from '../auth/index.ts';
import { requireEvidenceIncident, requireVisibleEvidence } from './evidence.access.ts';
import { appendCustodyEvent } from './evidence.custody.ts';
import type { EvidenceDeps } from './evidence.deps.ts';
import { evidenceViewerRoles, unwrapFileKey } from './evidence.deps.ts';
import './evidence.errors.ts';
import { presentEvidence } from './evidence.presenter.ts';
import type { PresentedEvidence } from './evidence.presenter.ts';
import { listEvidenceOfIncident } from './evidence.repository.ts';
import type { EvidenceRow } from './evidence.repository.ts';
import { MediaIntegrityError } from './media-cipher.ts';
import type { MediaVariant } from './media-store.ts';

/** The evidence of an incident (descriptions and hashes, no bytes). */
export async function listIncidentEvidence(
  deps: EvidenceDeps,
  principal: Principal,
  incidentId: string,
): Promise<{ evidence: PresentedEvidence[] }> {
  const incident = await requireEvidenceIncident(deps.db, principal, incidentId, evidenceViewerRoles);
  const items = await listEvidenceOfIncident(deps.db, incident.id);
  return { evidence: items.map(presentEvidence) };
}

/**
 * The shareable copy of a photo (no location or device metadata). The read is written to the
 * audit trail and the item's custody log before a byte leaves, and the copy's hash is checked.
 */
export async function readSharedCopy(
  deps: EvidenceDeps,
  principal: Principal,
  evidenceId: string,
): Promise<{ mediaType: string; bytes: Buffer; sha256: string }> {
  const { item } = await requireVisibleEvidence(deps.db, principal, evidenceId, evidenceViewerRoles);
  if (item.shared_sha256 === null || item.shared_media_type === null) {
    throw new AppError(
      'EVIDENCE_NO_SHARED_COPY',
      'Videos have no shareable copy; they are kept only for counsel.',
    );
  }
  const bytes = await readVerified(deps, item, 'shared', item.shared_sha256);
  await inTransaction(deps, async (uow) => {
    await recordSensitiveRead(deps, uow.trx, {
      networkId: item.network_id,
      actorMemberId: principal.memberId,
      objectType: 'evidence',
      objectId: item.id,
      field: 'sharedCopy',
      action: 'evidence.sharedCopyRead',
    });
    await appendCustodyEvent(
      deps,
      uow.trx,
      {
        evidenceId: item.id,
        action: 'viewed',
        actorMemberId: principal.memberId,
        sha256: item.sha256,
        detail: { variant: 'shared' },
      },
      { lock: true },
    );
  });
  return { mediaType: item.shared_media_type, bytes, sha256: item.shared_sha256 };
}

/** Decrypts a whole (small) file and checks it still has the hash recorded on receipt. */
export async function readVerified(
  deps: EvidenceDeps,
  item: EvidenceRow,
  variant: MediaVariant,
  expectedSha256: string,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of deps.store.read(
      item.network_id,
      item.id,
      variant,
      unwrapFileKey(deps.crypto, item.file_key_enc),
    )) {
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof MediaIntegrityError || (error as NodeJS.ErrnoException).code === 'ENOENT')
      throw integrityFailed();
    throw error;
  }
  const bytes = Buffer.concat(chunks);
  if (createHash('sha256').update(bytes).digest('hex') !== expectedSha256) throw integrityFailed();
  return bytes;
}

export function integrityFailed(): AppError {
  return new AppError(
    'EVIDENCE_INTEGRITY_FAILED',
    'A stored evidence file does not match its recorded hash.',
  );
}
