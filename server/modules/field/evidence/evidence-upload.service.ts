import { createHash } from 'node:crypto';
import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { newId } from '../../../platform/ids/ids.ts';
import { recordAudit } from '../../identity/index.ts';
import type { Principal } from '../../identity/index.ts';
import { requireOwnOffer, workingOfferStatuses } from '../dispatch/index.ts';
import type { OfferRow } from '../dispatch/index.ts';
import { findIncidentForEvidence } from './evidence-access.service.ts';
import { appendCustodyEvent } from './evidence-custody.service.ts';
import type { EvidenceDeps } from './evidence.deps.ts';
import { wrapFileKey } from './evidence.deps.ts';
import { emitEvidenceReceived } from './evidence.events.ts';
import { presentEvidence } from './evidence-presenter.ts';
import type { PresentedEvidence } from './evidence-presenter.ts';
import { integrityFailed } from './evidence-reads.service.ts';
import { findEvidenceByClientKey, findEvidenceItem, insertEvidenceItem } from './evidence.repository.ts';
import { inspectImage, sanitizeImage } from './image-sanitizer.ts';
import { newMediaKey } from './media-cipher.ts';
import { writeWholeFile } from './media-store.ts';
import { sniffBytes, sniffMediaType } from './media-type.ts';
import type { SniffedMedia } from './media-type.ts';
import { sanitizeVideo, videoSanitizeMethod } from './video-sanitizer.ts';

/** The uploaded file as the HTTP layer hands it over: a byte stream, read once. */
export interface IncomingFile {
  stream: AsyncIterable<Buffer>;
  /** True when the transport cut the stream at its own size limit. */
  isTruncated(): boolean;
}

/**
 * Evidence from the responder of an accepted offer. The body is opened only after the offer is
 * authorised. The type is sniffed from the bytes; the original is hashed (SHA-256) and encrypted
 * as it streams in, never held whole unless it is a photo (bounded by the photo limit). A photo
 * must decode within the pixel limit and gets a re-encoded copy without metadata; a video gets a
 * copy with its metadata boxes overwritten, streamed from the stored original (a malformed box
 * tree is MEDIA_INVALID). Then one transaction records the item, its custody entries, the audit
 * entry and the realtime event.
 *
 * `clientKey` (the Idempotency-Key header, made by the phone once per queued file) makes a retry
 * safe: an upload already received under that key is answered with the first item, body unread,
 * and a retry racing the first loses to the unique index and gets the winner's item.
 */
export async function receiveEvidence(
  deps: EvidenceDeps,
  principal: Principal,
  offerId: string,
  openFile: () => Promise<IncomingFile | null>,
  clientKey: string | null = null,
): Promise<PresentedEvidence> {
  const offer = await requireOwnOffer(deps.db, principal, offerId);
  const earlier = await findEarlierUpload(deps, principal, offerId, clientKey);
  if (earlier) return earlier;
  if (!(workingOfferStatuses as readonly string[]).includes(offer.status)) {
    throw new AppError('OFFER_TRANSITION_INVALID', 'Accept the offer before sending evidence.');
  }
  const incident = await findIncidentForEvidence(deps.db, offer.incident_id);
  const file = await openFile();
  if (!file) throw new AppError('MEDIA_INVALID', 'Attach one photo or video as the "file" field.');
  const evidenceId = newId();
  const key = newMediaKey();
  try {
    const stored = await storeOriginal(deps, offer, evidenceId, key, file);
    const shared =
      stored.media.kind === 'photo'
        ? await storeSharedPhoto(deps, offer, evidenceId, key, stored)
        : await storeSharedVideo(deps, offer, evidenceId, key, stored);
    return await inTransaction(deps, async (uow) => {
      const now = deps.clock.now();
      await insertEvidenceItem(uow.trx, {
        id: evidenceId,
        network_id: offer.network_id,
        incident_id: offer.incident_id,
        offer_id: offer.id,
        uploaded_by: principal.memberId,
        kind: stored.media.kind,
        media_type: stored.media.mediaType,
        size_bytes: stored.sizeBytes,
        sha256: stored.sha256,
        file_key_enc: wrapFileKey(deps.crypto, key),
        width: shared.width,
        height: shared.height,
        shared_media_type: stored.media.mediaType,
        shared_size_bytes: shared.sizeBytes,
        shared_sha256: shared.sha256,
        custody_head_hash: null,
        received_at: now,
        client_key: clientKey,
      });
      await appendCustodyEvent(deps, uow.trx, {
        evidenceId,
        action: 'received',
        actorMemberId: principal.memberId,
        sha256: stored.sha256,
        detail: { offerId: offer.id, mediaType: stored.media.mediaType, sizeBytes: stored.sizeBytes },
      });
      await appendCustodyEvent(deps, uow.trx, {
        evidenceId,
        action: 'sanitized',
        actorMemberId: null,
        sha256: stored.sha256,
        detail: { sharedSha256: shared.sha256, sharedSizeBytes: shared.sizeBytes, method: shared.method },
      });
      await recordAudit(deps, uow.trx, {
        networkId: offer.network_id,
        actorMemberId: principal.memberId,
        action: 'evidence.received',
        objectType: 'evidence',
        objectId: evidenceId,
        metadata: {
          incidentId: offer.incident_id,
          offerId: offer.id,
          kind: stored.media.kind,
          sha256: stored.sha256,
        },
      });
      const item = await findEvidenceItem(uow.trx, evidenceId);
      if (!item) throw new Error('evidence vanished inside its transaction');
      await emitEvidenceReceived(uow, incident, item);
      return presentEvidence(item);
    });
  } catch (error) {
    await deps.store.remove(offer.network_id, evidenceId);
    const winner = await findEarlierUpload(deps, principal, offerId, clientKey);
    if (winner) return winner;
    throw error;
  }
}

async function findEarlierUpload(
  deps: EvidenceDeps,
  principal: Principal,
  offerId: string,
  clientKey: string | null,
): Promise<PresentedEvidence | null> {
  if (clientKey === null) return null;
  const earlier = await findEvidenceByClientKey(deps.db, principal.memberId, clientKey);
  if (!earlier) return null;
  if (earlier.offer_id !== offerId) {
    throw new AppError('IDEMPOTENCY_KEY_REUSED', 'This upload key was already used for another offer.');
  }
  return presentEvidence(earlier);
}

interface StoredOriginal {
  media: SniffedMedia;
  sizeBytes: number;
  sha256: string;
  /** The whole original, for photos only (to inspect and re-encode). */
  photoBytes: Buffer | null;
}

async function storeOriginal(
  deps: EvidenceDeps,
  offer: OfferRow,
  evidenceId: string,
  key: Uint8Array,
  file: IncomingFile,
): Promise<StoredOriginal> {
  const iterator = file.stream[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headBytes = 0;
  while (headBytes < sniffBytes) {
    const next = await iterator.next();
    if (next.done) break;
    head.push(next.value);
    headBytes += next.value.length;
  }
  const media = sniffMediaType(Buffer.concat(head));
  if (!media) {
    throw new AppError('MEDIA_TYPE_UNSUPPORTED', 'Send a JPEG, PNG or WebP photo, or an MP4 or WebM video.');
  }
  const limit = media.kind === 'photo' ? deps.limits.photoMaxBytes : deps.limits.videoMaxBytes;
  const writer = await deps.store.create(offer.network_id, evidenceId, 'original', key);
  const hash = createHash('sha256');
  const photoChunks: Buffer[] = [];
  let sizeBytes = 0;
  const take = async (chunk: Buffer) => {
    sizeBytes += chunk.length;
    if (sizeBytes > limit) throw tooLarge(media, limit);
    hash.update(chunk);
    await writer.write(chunk);
    if (media.kind === 'photo') photoChunks.push(chunk);
  };
  try {
    for (const chunk of head) await take(chunk);
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) await take(next.value);
    if (file.isTruncated()) throw tooLarge(media, limit);
    await writer.finish();
  } catch (error) {
    await writer.abort();
    throw error;
  }
  return {
    media,
    sizeBytes,
    sha256: hash.digest('hex'),
    photoBytes: media.kind === 'photo' ? Buffer.concat(photoChunks) : null,
  };
}

interface StoredSharedCopy {
  width: number | null;
  height: number | null;
  sizeBytes: number;
  sha256: string;
  /** How the copy was made, for the custody log. */
  method: string;
}

async function storeSharedPhoto(
  deps: EvidenceDeps,
  offer: OfferRow,
  evidenceId: string,
  key: Uint8Array,
  stored: StoredOriginal,
): Promise<StoredSharedCopy> {
  const bytes = stored.photoBytes ?? Buffer.alloc(0);
  const format = stored.media.extension === 'jpg' ? 'jpeg' : stored.media.extension;
  const { width, height } = await inspectImage(bytes, format, deps.limits.maxPixels);
  const sanitized = await sanitizeImage(bytes, format, deps.limits.maxPixels);
  await writeWholeFile(await deps.store.create(offer.network_id, evidenceId, 'shared', key), sanitized);
  return {
    width,
    height,
    sizeBytes: sanitized.length,
    sha256: createHash('sha256').update(sanitized).digest('hex'),
    method: 'reencode-strip-metadata',
  };
}

/**
 * A video's copy, streamed from the stored original through the metadata rewriter into a new
 * encrypted file: never held whole. The original is re-hashed on the way, so the copy is made
 * from exactly the bytes whose hash was recorded.
 */
async function storeSharedVideo(
  deps: EvidenceDeps,
  offer: OfferRow,
  evidenceId: string,
  key: Uint8Array,
  stored: StoredOriginal,
): Promise<StoredSharedCopy> {
  const originalHash = createHash('sha256');
  const sharedHash = createHash('sha256');
  let sizeBytes = 0;
  async function* original(): AsyncGenerator<Buffer> {
    for await (const chunk of deps.store.read(offer.network_id, evidenceId, 'original', key)) {
      originalHash.update(chunk);
      yield chunk;
    }
  }
  const writer = await deps.store.create(offer.network_id, evidenceId, 'shared', key);
  try {
    for await (const chunk of sanitizeVideo(stored.media.mediaType, original())) {
      sharedHash.update(chunk);
      sizeBytes += chunk.length;
      await writer.write(chunk);
    }
    if (originalHash.digest('hex') !== stored.sha256) throw integrityFailed();
    await writer.finish();
  } catch (error) {
    await writer.abort();
    throw error;
  }
  return {
    width: null,
    height: null,
    sizeBytes,
    sha256: sharedHash.digest('hex'),
    method: videoSanitizeMethod,
  };
}

function tooLarge(media: SniffedMedia, limit: number): AppError {
  return new AppError(
    'MEDIA_TOO_LARGE',
    `A ${media.kind} may be at most ${Math.floor(limit / (1024 * 1024))} MB.`,
    [{ path: 'file', message: `limit ${limit} bytes` }],
  );
}
