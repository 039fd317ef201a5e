import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors/app-error.ts';
import {
  buildMp4,
  buildWebm,
  cameraMarker,
  changedOutsideMetadata,
  frames,
  gpsMarker,
  phoneMp4,
  recordedAt,
  recorderWebm,
} from '../../../../test/dispatch/video-fixtures.ts';
import type { BuiltVideo } from '../../../../test/dispatch/video-fixtures.ts';
import { sanitizeVideo, videoSanitizeMethod } from './video-sanitizer.ts';

/** The file cut at the given fractions of its length, in order (empty chunks included). */
function chunksOf(bytes: Buffer, cuts: number[]): Buffer[] {
  return splitAt(
    bytes,
    cuts.map((cut) => Math.floor(cut * bytes.length)),
  );
}

/** The file cut at the given offsets. */
function splitAt(bytes: Buffer, offsets: number[]): Buffer[] {
  const points = [...offsets].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let start = 0;
  for (const point of [...points, bytes.length]) {
    chunks.push(bytes.subarray(start, point));
    start = point;
  }
  return chunks;
}

/** The chunks as an upload or a decrypted file yields them: one at a time, after a pause. */
async function* streamOf(chunks: Buffer[]): AsyncGenerator<Buffer> {
  for (const chunk of chunks) yield await Promise.resolve(chunk);
}

async function sanitize(mediaType: string, chunks: Buffer[]): Promise<Buffer> {
  const output: Buffer[] = [];
  for await (const chunk of sanitizeVideo(mediaType, streamOf(chunks))) output.push(chunk);
  return Buffer.concat(output);
}

/** Cuts anywhere, including one byte at a time at the start (headers split mid-field). */
const cutsArbitrary = fc.oneof(
  fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 12 }),
  fc.constant(Array.from({ length: 64 }, (_, index) => index / 4096)),
);

/** Every byte outside the metadata ranges is the same as in the original. */
function expectUntouchedOutside(original: BuiltVideo, copy: Buffer): void {
  expect(copy.length).toBe(original.bytes.length);
  expect(changedOutsideMetadata(original, copy)).toEqual([]);
}

function expectNoMarkers(copy: Buffer): void {
  for (const marker of [gpsMarker, cameraMarker, 'com.apple.quicktime.location']) {
    expect(copy.includes(Buffer.from(marker)), marker).toBe(false);
  }
}

/** A creation or modification time as the box stores it (32-bit in version 0, 64-bit in 1). */
function timeAt(bytes: Buffer, offset: number, version: 0 | 1): number {
  return version === 1 ? Number(bytes.readBigUInt64BE(offset)) : bytes.readUInt32BE(offset);
}

async function expectRefused(mediaType: string, bytes: Buffer, cuts: number[] = []): Promise<void> {
  const refusal = await sanitize(mediaType, chunksOf(bytes, cuts)).then(
    () => null,
    (error: unknown) => error,
  );
  expect(refusal).toBeInstanceOf(AppError);
  expect((refusal as AppError).code).toBe('MEDIA_INVALID');
}

describe('video sanitizer: MP4 and QuickTime', () => {
  it('names its method for the custody log', () => {
    expect(videoSanitizeMethod).toBe('neutralize-metadata-boxes');
  });

  it('turns every metadata box into a free box of zeros, in any chunking, and touches nothing else', async () => {
    await fc.assert(
      fc.asyncProperty(cutsArbitrary, fc.boolean(), async (cuts, isLargeMdat) => {
        const video = phoneMp4({ isLargeMdat });
        expect(video.bytes.includes(Buffer.from(gpsMarker))).toBe(true);
        const copy = await sanitize('video/mp4', chunksOf(video.bytes, cuts));
        expectNoMarkers(copy);
        expectUntouchedOutside(video, copy);
        for (const [start, end] of video.metadataRanges) {
          expect(copy.readUInt32BE(start)).toBe(end - start);
          expect(copy.toString('latin1', start + 4, start + 8)).toBe('free');
          expect(copy.subarray(start + 8, end).every((byte) => byte === 0)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('blanks the creation and modification times of mvhd, tkhd and mdhd, in either version and any chunking', async () => {
    await fc.assert(
      fc.asyncProperty(cutsArbitrary, fc.constantFrom(0 as const, 1 as const), async (cuts, timesVersion) => {
        const video = phoneMp4({ timesVersion });
        expect(video.timeRanges).toHaveLength(3);
        const copy = await sanitize('video/mp4', chunksOf(video.bytes, cuts));
        expectUntouchedOutside(video, copy);
        expectNoMarkers(copy);
        for (const [start, end] of video.timeRanges) {
          expect(timeAt(video.bytes, start, timesVersion)).toBe(recordedAt);
          expect(copy.subarray(start, end).every((byte) => byte === 0)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('blanks the times when a chunk ends at any byte of a timed box header', async () => {
    for (const timesVersion of [0, 1] as const) {
      const video = phoneMp4({ timesVersion });
      for (const [start, end] of video.timeRanges) {
        // From the box's size field to one byte past the times: every cut, then every byte on its own.
        const header = Array.from({ length: end - start + 13 }, (_, index) => start - 12 + index);
        const copies = [
          ...header.map((point) => splitAt(video.bytes, [point])),
          splitAt(video.bytes, header),
        ];
        for (const chunks of copies) {
          const copy = await sanitize('video/mp4', chunks);
          expectUntouchedOutside(video, copy);
          expect(copy.subarray(start, end).every((byte) => byte === 0)).toBe(true);
        }
      }
    }
  });

  it('never enters stsd or mdat, even where their bytes look like a metadata box', async () => {
    const video = phoneMp4();
    const copy = await sanitize('video/mp4', [video.bytes]);
    const stsd = video.bytes.indexOf('stsd');
    expect(stsd).toBeGreaterThan(0);
    expect(copy.subarray(stsd, stsd + 40)).toEqual(video.bytes.subarray(stsd, stsd + 40));
    expect(copy.includes(Buffer.from('codec'))).toBe(true);
  });

  it('keeps a 64-bit size and a box that runs to the end of the file', async () => {
    const video = buildMp4([
      { type: 'ftyp', payload: Buffer.from('isom\0\0\0\0isom') },
      { type: 'udta', isLarge: true, metadata: true, payload: Buffer.from(gpsMarker) },
      { type: 'mdat', payload: frames(300) },
    ]);
    const endless = Buffer.from(video.bytes);
    endless.writeUInt32BE(0, endless.indexOf('mdat') - 4);
    for (const bytes of [video.bytes, endless]) {
      const copy = await sanitize('video/mp4', chunksOf(bytes, [0.1, 0.11, 0.5]));
      expectNoMarkers(copy);
      expectUntouchedOutside({ ...video, bytes }, copy);
      const [start] = video.metadataRanges[0]!;
      expect(copy.readUInt32BE(start)).toBe(1);
      expect(copy.toString('latin1', start + 4, start + 8)).toBe('free');
      expect(copy.readBigUInt64BE(start + 8)).toBe(BigInt(16 + gpsMarker.length));
    }
  });

  it('refuses a malformed box tree, however it is chunked', async () => {
    const video = phoneMp4();
    const smallerThanHeader = Buffer.from(video.bytes);
    smallerThanHeader.writeUInt32BE(4, video.bytes.indexOf('mvhd') - 4);
    const pastParent = Buffer.from(video.bytes);
    const tkhd = video.bytes.indexOf('tkhd') - 4;
    pastParent.writeUInt32BE(pastParent.readUInt32BE(tkhd) + 4096, tkhd);
    const largeTooSmall = buildMp4([
      { type: 'ftyp', payload: Buffer.alloc(8) },
      { type: 'mdat', isLarge: true },
    ]);
    largeTooSmall.bytes.writeBigUInt64BE(12n, largeTooSmall.bytes.length - 8);
    const unknownVersion = Buffer.from(video.bytes);
    unknownVersion[video.bytes.indexOf('mdhd') + 4] = 2;
    const tooShortForTimes = Buffer.from(video.bytes);
    const mvhd = video.bytes.indexOf('mvhd') - 4;
    tooShortForTimes.writeUInt32BE(16, mvhd);
    // What follows the short mvhd is a well-formed box, so the refusal is the mvhd's own.
    buildMp4([{ type: 'free', payload: Buffer.alloc(video.bytes.readUInt32BE(mvhd) - 24) }]).bytes.copy(
      tooShortForTimes,
      mvhd + 16,
    );
    const cases: [string, Buffer][] = [
      ['a size smaller than its header', smallerThanHeader],
      ["a box past its parent's end", pastParent],
      ['a 64-bit size smaller than its header', largeTooSmall.bytes],
      ['an mdhd of an unknown version', unknownVersion],
      ['an mvhd too short for its times', tooShortForTimes],
      ['a file cut inside mdat', video.bytes.subarray(0, video.bytes.length - 10)],
      ['a file cut inside moov', video.bytes.subarray(0, video.bytes.indexOf('mdhd'))],
      ['a file cut inside a header', video.bytes.subarray(0, video.bytes.indexOf('mdat') - 1)],
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...cases), cutsArbitrary, async ([, bytes], cuts) => {
        await expectRefused('video/mp4', bytes, cuts);
      }),
      { numRuns: 60 },
    );
  });
});

describe('video sanitizer: WebM', () => {
  /** The Void element an overwritten range now holds must span exactly that range. */
  function expectVoidSpanning(copy: Buffer, start: number, end: number): void {
    expect(copy[start]).toBe(0xec);
    const width = Math.clz32(copy[start + 1]!) - 23;
    let size = copy[start + 1]! & (0xff >> width);
    for (let index = 2; index <= width; index += 1) size = size * 256 + copy[start + index]!;
    expect(1 + width + size).toBe(end - start);
    expect(copy.subarray(start + 1 + width, end).every((byte) => byte === 0)).toBe(true);
  }

  it('voids Tags, DateUTC and Title, blanks the application names, in any chunking', async () => {
    await fc.assert(
      fc.asyncProperty(cutsArbitrary, async (cuts) => {
        const video = recorderWebm();
        expect(video.bytes.includes(Buffer.from(gpsMarker))).toBe(true);
        const copy = await sanitize('video/webm', chunksOf(video.bytes, cuts));
        expectNoMarkers(copy);
        expectUntouchedOutside(video, copy);
        for (const [start, end] of video.metadataRanges) {
          if (copy[start] === 0xec) expectVoidSpanning(copy, start, end);
          else expect(copy.subarray(start, end).every((byte) => byte === 0)).toBe(true);
        }
        expect(video.metadataRanges.filter(([start]) => copy[start] === 0xec)).toHaveLength(3);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses an element past its parent, Tags of unknown size, and a file cut short', async () => {
    const pastParent = buildWebm([
      { id: 0x1a45dfa3, children: [] },
      {
        id: 0x18538067,
        children: [{ id: 0x1549a966, children: [{ id: 0x7ba9, payload: Buffer.from('x') }] }],
      },
    ]).bytes;
    pastParent.writeUInt32BE(0x10000009, pastParent.indexOf(Buffer.from([0x7b, 0xa9])) + 2);
    const unknownTags = buildWebm([
      { id: 0x18538067, children: [{ id: 0x1254c367, isUnknownSize: true, children: [] }] },
    ]).bytes;
    const known = buildWebm([{ id: 0x18538067, children: [{ id: 0x1f43b675, payload: frames(64) }] }]).bytes;
    for (const bytes of [
      pastParent,
      unknownTags,
      known.subarray(0, known.length - 3),
      Buffer.from([0x00, 0x81]),
    ]) {
      await expectRefused('video/webm', bytes, [0.3]);
    }
  });
});
