import { createStreamRewriter, malformedVideo } from './stream-rewriter.ts';
import type { BoxWalker, PayloadMode, StreamRewriter } from './stream-rewriter.ts';

const ids = {
  ebml: 0x1a45dfa3,
  segment: 0x18538067,
  info: 0x1549a966,
  cluster: 0x1f43b675,
  tags: 0x1254c367,
  void: 0xec,
  crc32: 0xbf,
  dateUtc: 0x4461,
  title: 0x7ba9,
  muxingApp: 0x4d80,
  writingApp: 0x5741,
} as const;

/** Elements that may only sit at the top of the file: one of them ends an unknown-size Segment. */
const topLevelIds = new Set<number>([ids.ebml, ids.segment]);

/** Segment children (SeekHead, Info, Tracks, Cues, Cluster, Tags, Chapters, Attachments): one ends an unknown-size Cluster. */
const segmentLevelIds = new Set<number>([
  0x114d9b74,
  ids.info,
  0x1654ae6b,
  0x1c53bb6b,
  ids.cluster,
  ids.tags,
  0x1043a770,
  0x1941a469,
]);

/**
 * In Info: when and by what the file was written, and its title, become Void. (A CRC-32 of Info
 * would no longer match, so it goes too.) MuxingApp and WritingApp are required elements, so they
 * stay, blanked: a string of zeros is an empty string.
 */
const voidedInInfo = new Set<number>([ids.dateUtc, ids.title, ids.crc32]);
const blankedInInfo = new Set<number>([ids.muxingApp, ids.writingApp]);

type Level = 'segment' | 'info' | 'cluster';

interface OpenElement {
  level: Level;
  /** Null: the end of the file. */
  end: number | null;
  /** An unknown size (all ones, as MediaRecorder writes): it ends where a non-child begins. */
  isUnknownSize: boolean;
}

/**
 * WebM (Matroska, EBML): `Tags` at the top of the Segment, and `DateUTC` and `Title` in `Info`,
 * are replaced with `Void` elements of exactly the same length; MuxingApp and WritingApp are
 * blanked. Segment and Cluster may have an unknown size; any other element with one is refused.
 */
export function createWebmRewriter(): StreamRewriter {
  const open: OpenElement[] = [];
  const current = () => (open.length > 0 ? open[open.length - 1]! : null);
  const walker: BoxWalker = {
    headerLength(header, filled) {
      if (filled === 0) return 1;
      const idLength = leadingLength(header[0]!, 4, 'element id');
      if (filled <= idLength) return idLength + 1;
      return idLength + leadingLength(header[idLength]!, 8, 'element size');
    },
    openBox(header, start) {
      const idLength = leadingLength(header[0]!, 4, 'element id');
      const id = header.readUIntBE(0, idLength);
      const size = readSize(header.subarray(idLength));
      closeUnknownSizedBefore(id);
      const parent = current();
      const parentEnd = parent ? parent.end : null;
      const payloadStart = start + header.length;
      const end = size === null ? parentEnd : payloadStart + size;
      if (parentEnd !== null && end !== null && end > parentEnd) {
        throw malformedVideo("an element runs past its parent's end");
      }
      const level = childLevel(parent?.level ?? null, id);
      if (size === null && level !== 'segment' && level !== 'cluster') {
        throw malformedVideo('an element of unknown size');
      }
      const remaining = end === null ? null : end - payloadStart;
      if (level === 'void') return { emit: voidHeader(header, remaining ?? 0), payload: zero(remaining) };
      if (level === 'blank') return { emit: Buffer.from(header), payload: zero(remaining) };
      if (level === 'segment' || level === 'info' || (level === 'cluster' && size === null)) {
        open.push({ level, end, isUnknownSize: size === null });
        return { emit: Buffer.from(header), payload: { kind: 'boxes' } };
      }
      return { emit: Buffer.from(header), payload: { kind: 'copy', remaining } };
    },
    closeContainers(offset) {
      while (open.length > 0 && current()!.end === offset) open.pop();
    },
    finish() {
      if (open.some((element) => element.end !== null))
        throw malformedVideo('the file ends inside an element');
    },
  };

  /** An unknown-size Segment or Cluster ends where an element that cannot be its child begins. */
  function closeUnknownSizedBefore(id: number): void {
    for (let element = current(); element?.isUnknownSize; element = current()) {
      const isChild =
        element.level === 'cluster' ? !segmentLevelIds.has(id) && !topLevelIds.has(id) : !topLevelIds.has(id);
      if (isChild) return;
      open.pop();
    }
  }

  return createStreamRewriter(walker, 12);
}

/** What an element is, by where it sits: walked into, replaced with Void, blanked, or copied. */
function childLevel(parent: Level | null, id: number): Level | 'void' | 'blank' | 'copy' {
  if (parent === null) return id === ids.segment ? 'segment' : 'copy';
  if (parent === 'segment') {
    if (id === ids.info) return 'info';
    if (id === ids.tags) return 'void';
    return id === ids.cluster ? 'cluster' : 'copy';
  }
  if (parent === 'info') {
    if (voidedInInfo.has(id)) return 'void';
    return blankedInInfo.has(id) ? 'blank' : 'copy';
  }
  return 'copy';
}

const zero = (remaining: number | null): PayloadMode => ({ kind: 'zero', remaining });

/** The length of a variable-length integer from its first byte's leading zeros (EBML). */
function leadingLength(first: number, max: number, what: string): number {
  const length = first === 0 ? 9 : Math.clz32(first) - 23;
  if (length > max) throw malformedVideo(`an invalid ${what}`);
  return length;
}

/** An element's data size; null when all its bits are ones (unknown). */
function readSize(field: Buffer): number | null {
  let value = BigInt(field[0]! & (0xff >> field.length));
  let isAllOnes = value === BigInt(0xff >> field.length);
  for (const byte of field.subarray(1)) {
    value = (value << 8n) | BigInt(byte);
    isAllOnes &&= byte === 0xff;
  }
  if (isAllOnes) return null;
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw malformedVideo('an element is too large');
  return Number(value);
}

/**
 * A Void element header of the same length as `header`, for an element of `header.length +
 * payload` bytes: ID 0xEC, then a size field as wide as the rest allows (at most 8 bytes), then
 * zeros that count as the Void's data.
 */
function voidHeader(header: Buffer, payload: number): Buffer {
  const emit = Buffer.alloc(header.length);
  emit[0] = ids.void;
  const width = Math.min(8, header.length - 1);
  let size = header.length - 1 - width + payload;
  for (let index = width; index >= 1; index -= 1) {
    emit[index] = size % 256;
    size = Math.floor(size / 256);
  }
  emit[1] = emit[1]! | (1 << (8 - width));
  return emit;
}
