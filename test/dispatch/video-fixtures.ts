/**
 * Small videos built box by box, with the places a phone writes its metadata filled with markers
 * that must never reach a shared copy. Each builder also says which byte ranges hold metadata or
 * recording times (and so may change), so a test can check every other byte is untouched.
 */

/** The recording place as an iPhone writes it (ISO 6709), and a device name. */
export const gpsMarker = '+40.7128-074.0060/';
export const cameraMarker = 'AmparoTestCam-7731';

/** When the phone says the clip was recorded, as MP4 counts time: seconds since 1904-01-01 UTC. */
export const recordedAt = Date.UTC(2026, 2, 14, 18, 30) / 1000 + 2_082_844_800;

/** A box: its type, and either raw payload bytes or children. `metadata`: expected to be neutralized. */
export interface Mp4Box {
  type: string;
  payload?: Buffer;
  children?: Mp4Box[];
  /** Written with size 1 and a 64-bit size. */
  isLarge?: boolean;
  metadata?: boolean;
  /** A full box whose payload starts with version, flags and two times (built with `timedPayload`). */
  timesVersion?: 0 | 1;
}

export interface BuiltVideo {
  bytes: Buffer;
  /** [start, end) of each box or element whose bytes the rewriter may overwrite. */
  metadataRanges: [number, number][];
  /** [start, end) of the creation and modification times of each `mvhd`, `tkhd` and `mdhd`. */
  timeRanges: [number, number][];
}

/** Offsets where `copy` differs from the original outside its metadata and time ranges (none expected). */
export function changedOutsideMetadata(video: BuiltVideo, copy: Buffer): number[] {
  const changed: number[] = [];
  const isMetadata = (index: number) =>
    [...video.metadataRanges, ...video.timeRanges].some(([start, end]) => index >= start && index < end);
  for (let index = 0; index < copy.length; index += 1) {
    if (copy[index] !== video.bytes[index] && !isMetadata(index)) changed.push(index);
  }
  return changed;
}

export function buildMp4(boxes: Mp4Box[]): BuiltVideo {
  const ranges: [number, number][] = [];
  const timeRanges: [number, number][] = [];
  const write = (box: Mp4Box, start: number): Buffer => {
    const headerLength = box.isLarge ? 16 : 8;
    const parts: Buffer[] = [];
    let at = start + headerLength;
    for (const child of box.children ?? []) {
      const built = write(child, at);
      parts.push(built);
      at += built.length;
    }
    const payload = box.children ? Buffer.concat(parts) : (box.payload ?? Buffer.alloc(0));
    const header = Buffer.alloc(headerLength);
    if (box.isLarge) {
      header.writeUInt32BE(1);
      header.writeBigUInt64BE(BigInt(headerLength + payload.length), 8);
    } else {
      header.writeUInt32BE(headerLength + payload.length);
    }
    header.write(box.type, 4, 'latin1');
    if (box.metadata) ranges.push([start, start + headerLength + payload.length]);
    if (box.timesVersion !== undefined) {
      const times = start + headerLength + 4;
      timeRanges.push([times, times + (box.timesVersion === 1 ? 16 : 8)]);
    }
    return Buffer.concat([header, payload]);
  };
  const parts: Buffer[] = [];
  let at = 0;
  for (const box of boxes) {
    const built = write(box, at);
    parts.push(built);
    at += built.length;
  }
  return { bytes: Buffer.concat(parts), metadataRanges: ranges, timeRanges };
}

/**
 * The payload of `mvhd`, `tkhd` or `mdhd`: version, flags, creation and modification times
 * (`recordedAt`, and a minute later; 32-bit in version 0, 64-bit in version 1), then `rest`.
 */
export function timedPayload(version: 0 | 1, rest: Buffer): Buffer {
  const width = version === 1 ? 8 : 4;
  const head = Buffer.alloc(4 + 2 * width);
  head[0] = version;
  [recordedAt, recordedAt + 60].forEach((time, index) => {
    if (version === 1) head.writeBigUInt64BE(BigInt(time), 4 + index * width);
    else head.writeUInt32BE(time, 4 + index * width);
  });
  return Buffer.concat([head, rest]);
}

const text = (value: string) => Buffer.from(value, 'utf8');

/** A QuickTime user-data string: 16-bit length, 16-bit language, the text. */
function userDataString(value: string): Buffer {
  const header = Buffer.alloc(4);
  header.writeUInt16BE(Buffer.byteLength(value));
  header.writeUInt16BE(0x15c7, 2);
  return Buffer.concat([header, text(value)]);
}

/** Deterministic "frames": bytes that never spell a marker. */
export function frames(length: number, seed = 7): Buffer {
  const bytes = Buffer.alloc(length);
  let state = seed;
  for (let index = 0; index < length; index += 1) {
    state = (state * 1103515245 + 12345) >>> 0;
    bytes[index] = state >>> 24;
  }
  return bytes;
}

/**
 * An MP4 as a phone writes one: ftyp; moov with mvhd (times in `timesVersion`, default 0), udta (©xyz place, ©mak/©mod device, ©swr),
 * meta (Apple `mdta` keys with the ISO 6709 location), a uuid box, and a track whose udta names
 * the camera; then mdat. The stsd holds bytes that look like a udta box: it must stay as it is.
 */
export function phoneMp4(
  options: { frameBytes?: number; isLargeMdat?: boolean; timesVersion?: 0 | 1 } = {},
): BuiltVideo {
  const timesVersion = options.timesVersion ?? 0;
  // Version 1 widens the duration after the times from 32 to 64 bits in all three boxes.
  const timed = (type: string, restBytes: number, seed: number): Mp4Box => ({
    type,
    timesVersion,
    payload: timedPayload(timesVersion, frames(restBytes + timesVersion * 4, seed)),
  });
  const stsdLookalike = Buffer.concat([
    Buffer.alloc(8),
    buildMp4([{ type: 'udta', payload: text('codec') }]).bytes,
  ]);
  return buildMp4([
    { type: 'ftyp', payload: Buffer.concat([text('qt  '), Buffer.from([0, 0, 0, 0]), text('qt  ')]) },
    {
      type: 'moov',
      children: [
        timed('mvhd', 88, 1),
        {
          type: 'udta',
          metadata: true,
          children: [
            { type: '\u00a9xyz', payload: userDataString(gpsMarker) },
            { type: '\u00a9mak', payload: userDataString(cameraMarker) },
            { type: '\u00a9mod', payload: userDataString(`${cameraMarker} Pro`) },
            { type: '\u00a9swr', payload: userDataString(`${cameraMarker} OS 17.4`) },
          ],
        },
        {
          type: 'meta',
          metadata: true,
          children: [
            { type: 'hdlr', payload: Buffer.concat([Buffer.alloc(8), text('mdta'), Buffer.alloc(13)]) },
            { type: 'keys', payload: text(`mdtacom.apple.quicktime.location.ISO6709`) },
            { type: 'ilst', children: [{ type: 'data', payload: text(gpsMarker) }] },
          ],
        },
        { type: 'uuid', metadata: true, payload: Buffer.concat([frames(16, 3), text(cameraMarker)]) },
        {
          type: 'trak',
          children: [
            timed('tkhd', 72, 2),
            {
              type: 'mdia',
              children: [
                timed('mdhd', 12, 4),
                { type: 'hdlr', payload: Buffer.concat([Buffer.alloc(8), text('vide'), Buffer.alloc(13)]) },
                {
                  type: 'minf',
                  children: [
                    {
                      type: 'stbl',
                      children: [
                        { type: 'stsd', payload: stsdLookalike },
                        { type: 'stco', payload: frames(16, 5) },
                      ],
                    },
                  ],
                },
              ],
            },
            { type: 'edts', children: [{ type: 'elst', payload: frames(20, 6) }] },
            { type: 'udta', metadata: true, children: [{ type: '\u00a9nam', payload: text(cameraMarker) }] },
          ],
        },
      ],
    },
    { type: 'udta', metadata: true, payload: text(gpsMarker) },
    { type: 'mdat', isLarge: options.isLargeMdat ?? false, payload: frames(options.frameBytes ?? 2048) },
  ]);
}

/** An EBML variable-length integer of `width` bytes (width 8 with all ones: unknown size). */
function vint(value: number | 'unknown', width: number): Buffer {
  const bytes = Buffer.alloc(width);
  if (value === 'unknown') {
    bytes.fill(0xff);
  } else {
    let rest = value;
    for (let index = width - 1; index >= 0; index -= 1) {
      bytes[index] = rest % 256;
      rest = Math.floor(rest / 256);
    }
  }
  bytes[0] = (bytes[0]! & (0xff >> width)) | (1 << (8 - width));
  return bytes;
}

export interface WebmElement {
  id: number;
  payload?: Buffer;
  children?: WebmElement[];
  isUnknownSize?: boolean;
  /** Bytes of the size field (default 8 for unknown sizes, else 4). */
  sizeWidth?: number;
  /** Expected overwritten: the whole element, or (`'payload'`) only its data. */
  metadata?: 'element' | 'payload';
}

export function buildWebm(elements: WebmElement[]): BuiltVideo {
  const ranges: [number, number][] = [];
  const write = (element: WebmElement, start: number): Buffer => {
    // EBML ids keep their length marker, so their hex always has an even number of digits.
    const id = Buffer.from(element.id.toString(16), 'hex');
    const sizeWidth = element.sizeWidth ?? (element.isUnknownSize ? 8 : 4);
    const headerLength = id.length + sizeWidth;
    const parts: Buffer[] = [];
    let at = start + headerLength;
    for (const child of element.children ?? []) {
      const built = write(child, at);
      parts.push(built);
      at += built.length;
    }
    const payload = element.children ? Buffer.concat(parts) : (element.payload ?? Buffer.alloc(0));
    const size = vint(element.isUnknownSize ? 'unknown' : payload.length, sizeWidth);
    const end = start + headerLength + payload.length;
    if (element.metadata === 'element') ranges.push([start, end]);
    if (element.metadata === 'payload') ranges.push([start + headerLength, end]);
    return Buffer.concat([id, size, payload]);
  };
  const parts: Buffer[] = [];
  let at = 0;
  for (const element of elements) {
    const built = write(element, at);
    parts.push(built);
    at += built.length;
  }
  return { bytes: Buffer.concat(parts), metadataRanges: ranges, timeRanges: [] };
}

/**
 * A WebM as MediaRecorder writes one (Segment and Clusters of unknown size), with a title, the
 * writing application and date in Info, and Tags at the end carrying the place and the camera.
 */
export function recorderWebm(frameBytes = 1024): BuiltVideo {
  const block = (seed: number): WebmElement => ({ id: 0xa3, payload: frames(frameBytes, seed) });
  return buildWebm([
    { id: 0x1a45dfa3, children: [{ id: 0x4282, payload: text('webm') }] },
    {
      id: 0x18538067,
      isUnknownSize: true,
      children: [
        {
          id: 0x1549a966,
          children: [
            { id: 0x2ad7b1, payload: Buffer.from([0x0f, 0x42, 0x40]) },
            { id: 0x4d80, payload: text(cameraMarker), metadata: 'payload' },
            { id: 0x5741, payload: text(`${cameraMarker} recorder`), metadata: 'payload' },
            { id: 0x4461, payload: frames(8, 9), metadata: 'element' },
            { id: 0x7ba9, payload: text(`Recorded at ${gpsMarker}`), metadata: 'element', sizeWidth: 1 },
          ],
        },
        { id: 0x1654ae6b, children: [{ id: 0xae, children: [{ id: 0xd7, payload: Buffer.from([1]) }] }] },
        {
          id: 0x1f43b675,
          isUnknownSize: true,
          children: [{ id: 0xe7, payload: Buffer.from([0]) }, block(1)],
        },
        {
          id: 0x1f43b675,
          isUnknownSize: true,
          children: [{ id: 0xe7, payload: Buffer.from([9]) }, block(2)],
        },
        {
          id: 0x1254c367,
          metadata: 'element',
          sizeWidth: 8,
          children: [
            {
              id: 0x7373,
              children: [
                {
                  id: 0x67c8,
                  children: [
                    { id: 0x45a3, payload: text('LOCATION') },
                    { id: 0x4487, payload: text(gpsMarker) },
                  ],
                },
              ],
            },
          ],
        },
      ],
    },
  ]);
}
