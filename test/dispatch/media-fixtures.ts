import zlib from 'node:zlib';
import sharp from 'sharp';

/** A device name that must never reach a shared copy (the test looks for these bytes). */
export const deviceMarker = 'AmparoTestPhone-9431';

/** A JPEG as a phone writes it: EXIF with the device make and model and a GPS position. */
export async function photoWithGps(width = 320, height = 240): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 40 } } })
    .jpeg({ quality: 80 })
    .withExif({
      IFD0: { Make: deviceMarker, Model: `${deviceMarker}-model`, Software: deviceMarker },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '41/1 51/1 2304/100',
        GPSLongitudeRef: 'W',
        GPSLongitude: '87/1 39/1 3744/100',
      },
    })
    .toBuffer();
}

export async function plainPng(width = 64, height = 64): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: '#3060ff' } })
    .png()
    .toBuffer();
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit += 1) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/**
 * A decompression bomb: a valid PNG of a few hundred bytes that declares `side` × `side` pixels
 * (50,000² = 2.5 gigapixels) with a highly compressible first row of zeros.
 */
export function pngBomb(side = 50_000): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(0, 9); // greyscale
  const rows = zlib.deflateSync(Buffer.alloc(side + 1));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', rows),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** An MP4 of `bytes` bytes: an `ftyp` box (brand isom), then an `mdat` box of opaque data. */
export function fakeMp4(bytes = 4096): Buffer {
  const head = Buffer.from([
    0x00,
    0x00,
    0x00,
    0x18,
    ...Buffer.from('ftypisom'),
    0,
    0,
    2,
    0,
    ...Buffer.from('isomiso2'),
  ]);
  const mdat = Buffer.alloc(Math.max(8, bytes - head.length), 7);
  mdat.writeUInt32BE(mdat.length);
  mdat.write('mdat', 4, 'latin1');
  return Buffer.concat([head, mdat]);
}
