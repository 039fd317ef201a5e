import { createStreamRewriter, malformedVideo } from './stream-rewriter.ts';
import type { BoxWalker, StreamRewriter } from './stream-rewriter.ts';

/**
 * Boxes walked into: the movie, its tracks, their media, media information and edit lists. Never
 * `stsd` (codec set-up) or `mdat` (the frames), which are copied byte for byte.
 */
const containers = new Set(['moov', 'trak', 'mdia', 'minf', 'edts']);

/**
 * User data (QuickTime `©xyz` place, `©mak`/`©mod` device, `©swr` software, `©day` date), item
 * metadata (`com.apple.quicktime.location.ISO6709` and the other `mdta` keys), and vendor boxes.
 */
const metadataBoxes = new Set(['udta', 'meta', 'uuid']);

const freeType = Buffer.from('free', 'latin1');

/**
 * Full boxes that say when the movie, a track and its media were made and last changed: after
 * the version and flags come the creation and modification times, which the walker reads as part
 * of the header and emits as zeros (1904-01-01, "unknown"). Durations and timescales stay.
 */
const timedBoxes = new Set(['mvhd', 'tkhd', 'mdhd']);

/** Bytes of the two times: 32-bit each in version 0, 64-bit in version 1; no other is defined. */
function timesLength(version: number): number | null {
  if (version === 0) return 8;
  return version === 1 ? 16 : null;
}

/** A 64-bit size, then version and flags, then two 64-bit times. */
const maxHeaderBytes = 16 + 4 + 16;

/** Phones nest four deep (moov/trak/mdia/minf); a deeper chain is a crafted file. */
const maxDepth = 8;

/**
 * MP4/QuickTime box tree (ISO/IEC 14496-12): a 32-bit size and a type; size 1 means a 64-bit
 * size follows, size 0 means the box runs to the end of its parent (the file, at the top). Each
 * metadata box becomes a `free` box of the same size filled with zeros, so chunk offsets
 * (`stco`/`co64`) stay valid. The creation and modification times in `mvhd`, `tkhd` and `mdhd`
 * become zeros. A size smaller than its header, a box past its parent's end, or a timed box of an
 * unknown version is MEDIA_INVALID.
 */
export function createMp4Rewriter(): StreamRewriter {
  /** End offsets of the containers walked into, innermost last; null: the end of the file. */
  const open: (number | null)[] = [];
  const walker: BoxWalker = {
    headerLength(header, filled) {
      const boxHeader = filled >= 4 && header.readUInt32BE(0) === 1 ? 16 : 8;
      if (filled < boxHeader || !timedBoxes.has(header.toString('latin1', 4, 8))) return boxHeader;
      // Version and flags first; the version says how long the times that follow are.
      if (filled === boxHeader) return boxHeader + 4;
      return boxHeader + 4 + (timesLength(header[boxHeader]!) ?? 0);
    },
    openBox(header, start) {
      const size = header.readUInt32BE(0);
      const type = header.toString('latin1', 4, 8);
      const boxHeader = size === 1 ? 16 : 8;
      const parentEnd = open.length > 0 ? open[open.length - 1]! : null;
      let end: number | null;
      if (size === 1) {
        const large = header.readBigUInt64BE(8);
        if (large > BigInt(Number.MAX_SAFE_INTEGER)) throw malformedVideo('a box is too large');
        end = start + Number(large);
      } else {
        end = size === 0 ? parentEnd : start + size;
      }
      const payloadStart = start + header.length;
      if (end !== null && end < payloadStart) throw malformedVideo('a box is smaller than its header');
      if (parentEnd !== null && end !== null && end > parentEnd) {
        throw malformedVideo("a box runs past its parent's end");
      }
      const remaining = end === null ? null : end - payloadStart;
      if (timedBoxes.has(type)) {
        if (timesLength(header[boxHeader]!) === null) throw malformedVideo(`${type} has an unknown version`);
        const emit = Buffer.from(header);
        emit.fill(0, boxHeader + 4);
        return { emit, payload: { kind: 'copy', remaining } };
      }
      if (metadataBoxes.has(type)) {
        const emit = Buffer.from(header);
        freeType.copy(emit, 4);
        return { emit, payload: { kind: 'zero', remaining } };
      }
      if (containers.has(type)) {
        if (open.length >= maxDepth) throw malformedVideo('boxes are nested too deep');
        open.push(end);
        return { emit: Buffer.from(header), payload: { kind: 'boxes' } };
      }
      return { emit: Buffer.from(header), payload: { kind: 'copy', remaining } };
    },
    closeContainers(offset) {
      while (open.length > 0 && open[open.length - 1] === offset) open.pop();
    },
    finish() {
      // A container running to the end of the file (size 0) is complete; any other is cut short.
      if (open.some((end) => end !== null)) throw malformedVideo('the file ends inside a box');
    },
  };
  return createStreamRewriter(walker, maxHeaderBytes);
}
