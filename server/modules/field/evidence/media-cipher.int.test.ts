import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEncryptedFile, MediaIntegrityError, newMediaKey, readEncryptedFile } from './media-cipher.ts';

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-media-'));
afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));

async function write(name: string, bytes: Buffer, key: Uint8Array, purpose: string, chunkBytes = 1024) {
  const file = path.join(directory, name);
  const writer = await createEncryptedFile(file, key, purpose, chunkBytes);
  // Uneven pieces, as a network stream delivers them.
  for (let offset = 0; offset < bytes.length; offset += 700)
    await writer.write(bytes.subarray(offset, offset + 700));
  await writer.finish();
  return file;
}

async function read(file: string, key: Uint8Array, purpose: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of readEncryptedFile(file, key, purpose)) chunks.push(chunk);
  return Buffer.concat(chunks);
}

describe('chunked media encryption', () => {
  it.each([0, 1, 1023, 1024, 1025, 4096, 10_000])('round-trips %i bytes', async (size) => {
    const key = newMediaKey();
    const bytes = randomBytes(size);
    const file = await write(`round-${size}`, bytes, key, 'e|original');
    const back = await read(file, key, 'e|original');
    expect(createHash('sha256').update(back).digest('hex')).toBe(
      createHash('sha256').update(bytes).digest('hex'),
    );
    // No run of plaintext shows through (a single byte could appear in ciphertext by chance).
    if (size >= 16) expect(fs.readFileSync(file).includes(bytes.subarray(0, 16))).toBe(false);
  });

  it('fails on a flipped byte, a cut at a chunk boundary, another key, or another purpose', async () => {
    const key = newMediaKey();
    const bytes = randomBytes(5000);
    const file = await write('tamper', bytes, key, 'e|original');
    const sealed = fs.readFileSync(file);

    const flipped = Buffer.from(sealed);
    flipped[100] = (flipped[100]! + 1) % 256;
    fs.writeFileSync(`${file}.flipped`, flipped);
    await expect(read(`${file}.flipped`, key, 'e|original')).rejects.toThrow(MediaIntegrityError);

    // Header (25) plus two whole chunks (1024 + 16 each): a clean cut between chunks.
    fs.writeFileSync(`${file}.cut`, sealed.subarray(0, 25 + 2 * 1040));
    await expect(read(`${file}.cut`, key, 'e|original')).rejects.toThrow(MediaIntegrityError);

    await expect(read(file, newMediaKey(), 'e|original')).rejects.toThrow(MediaIntegrityError);
    await expect(read(file, key, 'e|shared')).rejects.toThrow(MediaIntegrityError);
    expect((await read(file, key, 'e|original')).equals(bytes)).toBe(true);
  });

  it('leaves no file behind when aborted', async () => {
    const file = path.join(directory, 'aborted');
    const writer = await createEncryptedFile(file, newMediaKey(), 'e|original');
    await writer.write(randomBytes(3000));
    await writer.abort();
    expect(fs.existsSync(file)).toBe(false);
    expect(fs.existsSync(`${file}.partial`)).toBe(false);
  });
});
