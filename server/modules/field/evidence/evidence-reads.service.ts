import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { recordSensitiveRead } from '../../identity/index.ts';
import type { Principal } from '../../identity/index.ts';
import { requireEvidenceIncident, requireVisibleEvidence } from './evidence-access.service.ts';
import { appendCustodyEvent } from './evidence-custody.service.ts';
import type { EvidenceList } from './evidence.contract.ts';
import type { EvidenceDeps } from './evidence.deps.ts';
import { evidenceViewerRoles, unwrapFileKey } from './evidence.deps.ts';
import { presentEvidence } from './evidence-presenter.ts';
import { listEvidenceOfIncident } from './evidence.repository.ts';
import type { EvidenceRow } from './evidence.repository.ts';
import { MediaIntegrityError } from './media-cipher.ts';
import type { MediaVariant } from './media-store.ts';

/** The evidence of an incident (descriptions and hashes, no bytes). */
export async function listIncidentEvidence(
  deps: EvidenceDeps,
  principal: Principal,
  incidentId: string,
): Promise<EvidenceList> {
  const incident = await requireEvidenceIncident(deps.db, principal, incidentId, evidenceViewerRoles);
  const items = await listEvidenceOfIncident(deps.db, incident.id);
  return { evidence: items.map(presentEvidence) };
}

export interface SharedCopy {
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  /** A photo whole; a video streamed (decrypted chunk by chunk, each chunk authenticated). */
  body: Buffer | Readable;
}

/**
 * The shareable copy of a photo or video (no location or device metadata). The read is written
 * to the audit trail and the item's custody log before a byte leaves, and the copy's hash is
 * checked first (a video's in a streaming pass, so it is never held whole).
 */
export async function readSharedCopy(
  deps: EvidenceDeps,
  principal: Principal,
  evidenceId: string,
): Promise<SharedCopy> {
  const { item } = await requireVisibleEvidence(deps.db, principal, evidenceId, evidenceViewerRoles);
  if (item.shared_sha256 === null || item.shared_media_type === null) {
    // Videos received before their copies were made have none.
    throw new AppError(
      'EVIDENCE_NO_SHARED_COPY',
      'This video has no shareable copy; it is kept only for counsel.',
    );
  }
  const photo = item.kind === 'photo' ? await readVerified(deps, item, 'shared', item.shared_sha256) : null;
  if (!photo) await verifyStored(deps, item, 'shared', item.shared_sha256);
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
  return {
    mediaType: item.shared_media_type,
    sizeBytes: Number(item.shared_size_bytes),
    sha256: item.shared_sha256,
    body: photo ?? Readable.from(openStored(deps, item, 'shared')),
  };
}

/** Decrypted bytes of a stored file, chunk by chunk. */
export function openStored(
  deps: EvidenceDeps,
  item: EvidenceRow,
  variant: MediaVariant,
): AsyncGenerator<Buffer> {
  return deps.store.read(item.network_id, item.id, variant, unwrapFileKey(deps.crypto, item.file_key_enc));
}

/** Checks a stored file of any size against its recorded hash without holding it. */
export async function verifyStored(
  deps: EvidenceDeps,
  item: EvidenceRow,
  variant: MediaVariant,
  expectedSha256: string,
): Promise<void> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of openStored(deps, item, variant)) hash.update(chunk);
  } catch (error) {
    throw asIntegrityFailure(error);
  }
  if (hash.digest('hex') !== expectedSha256) throw integrityFailed();
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
    for await (const chunk of openStored(deps, item, variant)) chunks.push(chunk);
  } catch (error) {
    throw asIntegrityFailure(error);
  }
  const bytes = Buffer.concat(chunks);
  if (createHash('sha256').update(bytes).digest('hex') !== expectedSha256) throw integrityFailed();
  return bytes;
}

function asIntegrityFailure(error: unknown): unknown {
  const isDamaged =
    error instanceof MediaIntegrityError || (error as NodeJS.ErrnoException).code === 'ENOENT';
  return isDamaged ? integrityFailed() : error;
}

export function integrityFailed(): AppError {
  return new AppError(
    'EVIDENCE_INTEGRITY_FAILED',
    'A stored evidence file does not match its recorded hash.',
  );
}
