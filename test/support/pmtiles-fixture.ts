import { zxyToTileId } from 'pmtiles';

/** A 1×1 PNG, the same tile everywhere: enough to see where a map asks for tiles. */
export const onePixelPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

function varints(values: number[]): Buffer {
  const bytes: number[] = [];
  for (let value of values) {
    while (value >= 0x80) {
      bytes.push((value % 0x80) | 0x80);
      value = Math.floor(value / 0x80);
    }
    bytes.push(value);
  }
  return Buffer.from(bytes);
}

/**
 * A PMTiles v3 archive written by hand (spec: github.com/protomaps/PMTiles/blob/main/spec/v3):
 * one PNG tile that answers for every tile of zoom levels `minZoom`..`maxZoom` (one directory
 * entry per zoom whose run covers all its 4^z tiles), no compression.
 */
export function buildPmtiles(options: { minZoom: number; maxZoom: number; tile?: Buffer }): Buffer {
  const tile = options.tile ?? onePixelPng;
  const zooms = Array.from({ length: options.maxZoom - options.minZoom + 1 }, (_, i) => options.minZoom + i);
  const tileIds = zooms.map((zoom) => zxyToTileId(zoom, 0, 0));
  const deltas = tileIds.map((id, index) => id - (index === 0 ? 0 : tileIds[index - 1]!));
  const directory = Buffer.concat([
    varints([zooms.length]),
    varints(deltas),
    varints(zooms.map((zoom) => 4 ** zoom)),
    varints(zooms.map(() => tile.length)),
    // The first entry at offset 0 (written as offset + 1); the others repeat it, so give it again.
    varints(zooms.map(() => 1)),
  ]);
  const metadata = Buffer.from('{}');
  const header = Buffer.alloc(127);
  header.write('PMTiles', 0, 'ascii');
  header.writeUInt8(3, 7);
  const rootOffset = 127;
  const metadataOffset = rootOffset + directory.length;
  const tileOffset = metadataOffset + metadata.length;
  const u64 = (value: number, at: number) => header.writeBigUInt64LE(BigInt(value), at);
  u64(rootOffset, 8);
  u64(directory.length, 16);
  u64(metadataOffset, 24);
  u64(metadata.length, 32);
  u64(tileOffset, 40);
  u64(0, 48);
  u64(tileOffset, 56);
  u64(tile.length, 64);
  u64(
    zooms.reduce((sum, zoom) => sum + 4 ** zoom, 0),
    72,
  );
  u64(zooms.length, 80);
  u64(1, 88);
  header.writeUInt8(0, 96); // not clustered: entries share one tile's bytes
  header.writeUInt8(1, 97); // internal compression: none
  header.writeUInt8(1, 98); // tile compression: none
  header.writeUInt8(2, 99); // tile type: PNG
  header.writeUInt8(options.minZoom, 100);
  header.writeUInt8(options.maxZoom, 101);
  header.writeInt32LE(-180e7, 102);
  header.writeInt32LE(-85e7, 106);
  header.writeInt32LE(180e7, 110);
  header.writeInt32LE(85e7, 114);
  header.writeUInt8(options.minZoom, 118);
  header.writeInt32LE(-87.65e7, 119);
  header.writeInt32LE(41.85e7, 123);
  return Buffer.concat([header, directory, metadata, tile]);
}
