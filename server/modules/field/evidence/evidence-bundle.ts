import { Readable } from 'node:stream';
import yazl from 'yazl';
import { custodyHashFormula } from './evidence-custody.service.ts';
import type { CustodyRow, EvidenceRow } from './evidence.repository.ts';

export interface BundleInput {
  exportId: string;
  networkId: string;
  incidentId: string;
  exportedBy: string;
  /** The second person who approved the export. */
  approvedBy: string;
  exportedAt: number;
  items: EvidenceRow[];
  custody: CustodyRow[];
  /** Decrypted bytes of a stored file, streamed. */
  open(item: EvidenceRow, variant: 'original' | 'shared'): AsyncIterable<Buffer>;
}

const extensions: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'video/mp4': 'mp4',
  'video/webm': 'webm',
};

const iso = (time: number) => new Date(time).toISOString();

/** How each kind's shared copy was made from the original. */
const derivations: Record<EvidenceRow['kind'], string> = {
  photo: 'decoded and re-encoded; EXIF, GPS, XMP, IPTC and ICC metadata removed',
  video:
    'metadata overwritten in place, same length, frames untouched: MP4 udta, meta and uuid boxes ' +
    'made free boxes of zeros; WebM Tags, DateUTC and Title made Void, MuxingApp and WritingApp blanked',
};

/** Paths inside the zip; ids only, so no name or place leaks through a file name. */
export function bundlePaths(item: EvidenceRow): { original: string; shared: string | null } {
  return {
    original: `originals/${item.id}.${extensions[item.media_type] ?? 'bin'}`,
    shared: item.shared_media_type
      ? `shared/${item.id}.${extensions[item.shared_media_type] ?? 'bin'}`
      : null,
  };
}

/** manifest.json: every file with its SHA-256, and the custody log with its hash chain. */
export function buildManifest(input: BundleInput): Record<string, unknown> {
  return {
    format: 'amparo-evidence-bundle/1',
    exportId: input.exportId,
    networkId: input.networkId,
    incidentId: input.incidentId,
    exportedBy: input.exportedBy,
    approvedBy: input.approvedBy,
    exportedAt: iso(input.exportedAt),
    hashAlgorithm: 'SHA-256',
    files: input.items.map((item) => {
      const paths = bundlePaths(item);
      return {
        evidenceId: item.id,
        offerId: item.offer_id,
        kind: item.kind,
        uploadedBy: item.uploaded_by,
        receivedAt: iso(item.received_at),
        original: {
          path: paths.original,
          mediaType: item.media_type,
          sizeBytes: Number(item.size_bytes),
          sha256: item.sha256,
        },
        shared: paths.shared
          ? {
              path: paths.shared,
              mediaType: item.shared_media_type,
              sizeBytes: Number(item.shared_size_bytes),
              sha256: item.shared_sha256,
              derivation: derivations[item.kind],
            }
          : null,
      };
    }),
    custodyHashFormula,
    custodyLog: input.custody.map((entry) => ({
      id: entry.id,
      evidenceId: entry.evidence_id,
      action: entry.action,
      actorMemberId: entry.actor_member_id,
      at: iso(entry.created_at),
      createdAt: entry.created_at,
      sha256: entry.sha256,
      detail: entry.detail,
      previousHash: entry.previous_hash,
      entryHash: entry.entry_hash,
    })),
  };
}

const readme = `Amparo evidence bundle

originals/  the files exactly as received from the responder's phone
shared/     copies with location and device metadata removed: photos re-encoded, videos with
            their metadata boxes overwritten in place (same length, frames untouched)
manifest.json  every file's SHA-256 taken when it was received, and the chain of custody
SHA256SUMS  the same hashes, for: sha256sum -c SHA256SUMS

To check nothing changed: run sha256sum -c SHA256SUMS in this folder, or compare each file's
SHA-256 with manifest.json. Each custody entry's entryHash is the SHA-256 described by
custodyHashFormula over the entry and the previous entry's hash, so the log can be checked too.
`;

/** Streams the zip: stored (not recompressed) media, manifest, checksums and a short README. */
export function buildBundle(input: BundleInput): Readable {
  const zip = new yazl.ZipFile();
  const sums: string[] = [];
  for (const item of input.items) {
    const paths = bundlePaths(item);
    const mtime = new Date(item.received_at);
    zip.addReadStreamLazy(paths.original, { mtime, compress: false }, (callback) =>
      callback(null, Readable.from(input.open(item, 'original'))),
    );
    sums.push(`${item.sha256}  ${paths.original}`);
    if (paths.shared && item.shared_sha256) {
      zip.addReadStreamLazy(paths.shared, { mtime, compress: false }, (callback) =>
        callback(null, Readable.from(input.open(item, 'shared'))),
      );
      sums.push(`${item.shared_sha256}  ${paths.shared}`);
    }
  }
  const mtime = new Date(input.exportedAt);
  zip.addBuffer(Buffer.from(JSON.stringify(buildManifest(input), null, 2)), 'manifest.json', { mtime });
  zip.addBuffer(Buffer.from(`${sums.join('\n')}\n`), 'SHA256SUMS', { mtime });
  zip.addBuffer(Buffer.from(readme), 'README.txt', { mtime });
  zip.end();
  return Readable.from(zip.outputStream);
}
