import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';

/**
 * Encrypted media files: XChaCha20-Poly1305 over fixed-size chunks, so a 100 MB video is never
 * held in memory. Each file has its own random 256-bit key (wrapped by field crypto in the
 * database) and a random 128-bit nonce prefix; chunk i uses the prefix ‖ i (64-bit) as nonce.
 * The associated data binds every chunk to the file's purpose (evidence id and variant), the header,
 * and whether it is the last chunk — so chunks cannot be reordered, swapped between files, or the
 * file cut short at a chunk boundary without failing authentication.
 *
 * Layout: `AMPM` ‖ version (1) ‖ chunk size (uint32 BE) ‖ nonce prefix (16) ‖ chunks, each the
 * ciphertext of `chunkSize` plaintext bytes plus a 16-byte tag; the last is shorter (maybe empty).
 */
const magic = Buffer.from('AMPM', 'ascii');
const version = 1;
const headerBytes = 4 + 1 + 4 + 16;
const tagBytes = 16;
export const defaultChunkBytes = 64 * 1024;
export const mediaKeyBytes = 32;

export class MediaIntegrityError extends Error {
  override name = 'MediaIntegrityError';
}

export function newMediaKey(): Uint8Array {
  return new Uint8Array(randomBytes(mediaKeyBytes));
}

function nonceFor(prefix: Uint8Array, index: number): Uint8Array {
  const nonce = new Uint8Array(24);
  nonce.set(prefix);
  new DataView(nonce.buffer).setBigUint64(16, BigInt(index));
  return nonce;
}

function associatedDataFor(purpose: string, header: Uint8Array, isFinal: boolean): Uint8Array {
  const label = Buffer.from(`amparo-media|${purpose}|`, 'utf8');
  return Buffer.concat([label, header, Buffer.from([isFinal ? 1 : 0])]);
}

export interface EncryptedFileWriter {
  write(plaintext: Uint8Array): Promise<void>;
  /** Seals the last chunk, syncs the file to disk and moves it into place. */
  finish(): Promise<void>;
  /** Deletes the partial file (after a failed or refused upload). */
  abort(): Promise<void>;
}

/** Starts writing `path` (as `path.partial` until finished). */
export async function createEncryptedFile(
  path: string,
  key: Uint8Array,
  purpose: string,
  chunkBytes = defaultChunkBytes,
): Promise<EncryptedFileWriter> {
  const partialPath = `${path}.partial`;
  const handle = await fs.open(partialPath, 'wx', 0o600);
  const prefix = new Uint8Array(randomBytes(16));
  const header = Buffer.alloc(headerBytes);
  magic.copy(header, 0);
  header.writeUInt8(version, 4);
  header.writeUInt32BE(chunkBytes, 5);
  Buffer.from(prefix).copy(header, 9);
  await handle.write(header);
  let pending = Buffer.alloc(0);
  let index = 0;
  let isClosed = false;

  const seal = async (plaintext: Uint8Array, isFinal: boolean) => {
    const cipher = xchacha20poly1305(
      key,
      nonceFor(prefix, index),
      associatedDataFor(purpose, header, isFinal),
    );
    await handle.write(cipher.encrypt(plaintext));
    index += 1;
  };

  return {
    async write(plaintext) {
      pending = pending.length === 0 ? Buffer.from(plaintext) : Buffer.concat([pending, plaintext]);
      // Keep at least one byte back: only the last chunk may be sealed as final.
      while (pending.length > chunkBytes) {
        await seal(pending.subarray(0, chunkBytes), false);
        pending = pending.subarray(chunkBytes);
      }
    },
    async finish() {
      await seal(pending, true);
      await handle.sync();
      await handle.close();
      isClosed = true;
      await fs.rename(partialPath, path);
    },
    async abort() {
      if (!isClosed) await handle.close().catch(() => undefined);
      isClosed = true;
      await fs.rm(partialPath, { force: true });
    },
  };
}

/** Decrypts a file chunk by chunk; throws MediaIntegrityError on any tampering or truncation. */
export async function* readEncryptedFile(
  path: string,
  key: Uint8Array,
  purpose: string,
): AsyncGenerator<Buffer> {
  const handle = await fs.open(path, 'r');
  try {
    const { size } = await handle.stat();
    const header = Buffer.alloc(headerBytes);
    const { bytesRead } = await handle.read(header, 0, headerBytes, 0);
    if (
      bytesRead !== headerBytes ||
      !header.subarray(0, 4).equals(magic) ||
      header.readUInt8(4) !== version
    ) {
      throw new MediaIntegrityError('not an encrypted media file');
    }
    const chunkBytes = header.readUInt32BE(5);
    const prefix = header.subarray(9, 25);
    const blockBytes = chunkBytes + tagBytes;
    let offset = headerBytes;
    let index = 0;
    do {
      const length = Math.min(blockBytes, size - offset);
      if (length < tagBytes) throw new MediaIntegrityError('truncated media file');
      const block = Buffer.alloc(length);
      await handle.read(block, 0, length, offset);
      offset += length;
      const isFinal = offset === size;
      let plaintext: Uint8Array;
      try {
        const cipher = xchacha20poly1305(
          key,
          nonceFor(prefix, index),
          associatedDataFor(purpose, header, isFinal),
        );
        plaintext = cipher.decrypt(block);
      } catch {
        throw new MediaIntegrityError('media file failed authentication');
      }
      index += 1;
      yield Buffer.from(plaintext.buffer, plaintext.byteOffset, plaintext.byteLength);
    } while (offset < size);
  } finally {
    await handle.close();
  }
}
