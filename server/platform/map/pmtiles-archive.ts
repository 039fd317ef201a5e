import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { PMTiles, TileType } from 'pmtiles';
import type { RangeResponse, Source } from 'pmtiles';

/** Reads byte ranges of a local PMTiles file (the package's own sources are for browsers). */
class LocalFileSource implements Source {
  private handle: Promise<FileHandle> | null = null;

  constructor(private readonly file: string) {}

  getKey(): string {
    return this.file;
  }

  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    this.handle ??= open(this.file, 'r');
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await (await this.handle).read(buffer, 0, length, offset);
    const data = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + bytesRead);
    return { data };
  }

  async close(): Promise<void> {
    if (this.handle) await (await this.handle).close();
    this.handle = null;
  }
}

const contentTypes: Partial<Record<TileType, string>> = {
  [TileType.Png]: 'image/png',
  [TileType.Jpeg]: 'image/jpeg',
  [TileType.Webp]: 'image/webp',
  [TileType.Avif]: 'image/avif',
};

export interface PmtilesArchive {
  /** A tile's bytes and content type, or null when the archive has none there. */
  readTile: (z: number, x: number, y: number) => Promise<{ data: Buffer; contentType: string } | null>;
  close: () => Promise<void>;
}

/**
 * A raster PMTiles archive (PNG, JPEG, WebP or AVIF tiles) read with the `pmtiles` package; the
 * file is opened on first use and read by range, never loaded whole.
 */
export function openPmtilesArchive(file: string): PmtilesArchive {
  const source = new LocalFileSource(file);
  const archive = new PMTiles(source);
  return {
    readTile: async (z, x, y) => {
      const header = await archive.getHeader();
      const contentType = contentTypes[header.tileType];
      if (!contentType) throw new Error('The PMTiles archive does not hold raster (image) tiles.');
      if (z < header.minZoom || z > header.maxZoom) return null;
      const tile = await archive.getZxy(z, x, y);
      return tile ? { data: Buffer.from(tile.data), contentType } : null;
    },
    close: () => source.close(),
  };
}
