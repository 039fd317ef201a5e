import fs from 'node:fs/promises';
import path from 'node:path';
import { createEncryptedFile, readEncryptedFile } from './media-cipher.ts';
import type { EncryptedFileWriter } from './media-cipher.ts';

export type MediaVariant = 'original' | 'shared';

/**
 * Where encrypted evidence lives: `<data dir>/media/<network id>/<evidence id>.<variant>.amp`.
 * Names are ids only; what a file is and who sent it is in the database.
 */
export interface MediaStore {
  create(
    networkId: string,
    evidenceId: string,
    variant: MediaVariant,
    key: Uint8Array,
  ): Promise<EncryptedFileWriter>;
  read(networkId: string, evidenceId: string, variant: MediaVariant, key: Uint8Array): AsyncGenerator<Buffer>;
  remove(networkId: string, evidenceId: string): Promise<void>;
}

const idPattern = /^[0-9a-f-]{36}$/;

export function createMediaStore(dataDirectory: string): MediaStore {
  const root = path.join(dataDirectory, 'media');
  const fileOf = (networkId: string, evidenceId: string, variant: MediaVariant) => {
    // Ids come from the database, but a path is built from them: refuse anything but a UUID.
    if (!idPattern.test(networkId) || !idPattern.test(evidenceId)) throw new Error('invalid media id');
    return path.join(root, networkId, `${evidenceId}.${variant}.amp`);
  };
  const purposeOf = (evidenceId: string, variant: MediaVariant) => `${evidenceId}|${variant}`;
  return {
    async create(networkId, evidenceId, variant, key) {
      await fs.mkdir(path.join(root, networkId), { recursive: true, mode: 0o700 });
      return createEncryptedFile(fileOf(networkId, evidenceId, variant), key, purposeOf(evidenceId, variant));
    },
    read(networkId, evidenceId, variant, key) {
      return readEncryptedFile(fileOf(networkId, evidenceId, variant), key, purposeOf(evidenceId, variant));
    },
    async remove(networkId, evidenceId) {
      for (const variant of ['original', 'shared'] as const) {
        await fs.rm(fileOf(networkId, evidenceId, variant), { force: true });
        await fs.rm(`${fileOf(networkId, evidenceId, variant)}.partial`, { force: true });
      }
    },
  };
}

/** Writes a whole buffer as one encrypted file (the sanitized copy of a photo). */
export async function writeWholeFile(writer: EncryptedFileWriter, bytes: Uint8Array): Promise<void> {
  try {
    await writer.write(bytes);
    await writer.finish();
  } catch (error) {
    await writer.abort();
    throw error;
  }
}
