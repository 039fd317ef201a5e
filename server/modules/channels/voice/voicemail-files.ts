import fs from 'node:fs/promises';
import path from 'node:path';
import { createEncryptedFile, readEncryptedFile } from '../../field/index.ts';

const idPattern = /^[0-9a-f-]{36}$/;

/**
 * Encrypted voicemail audio: `<data dir>/voicemail/<network id>/<voicemail id>.amp`, with the
 * evidence files' format (XChaCha20-Poly1305 chunks, a random key per file wrapped in the
 * database). Names are ids only.
 */
export interface VoicemailFiles {
  write(networkId: string, voicemailId: string, key: Uint8Array, bytes: Uint8Array): Promise<void>;
  read(networkId: string, voicemailId: string, key: Uint8Array): AsyncGenerator<Buffer>;
  remove(networkId: string, voicemailId: string): Promise<void>;
}

export function createVoicemailFiles(dataDirectory: string): VoicemailFiles {
  const root = path.join(dataDirectory, 'voicemail');
  const fileOf = (networkId: string, voicemailId: string) => {
    if (!idPattern.test(networkId) || !idPattern.test(voicemailId)) throw new Error('invalid voicemail id');
    return path.join(root, networkId, `${voicemailId}.amp`);
  };
  const purposeOf = (voicemailId: string) => `voicemail|${voicemailId}`;
  return {
    async write(networkId, voicemailId, key, bytes) {
      await fs.mkdir(path.join(root, networkId), { recursive: true, mode: 0o700 });
      const file = fileOf(networkId, voicemailId);
      // A retried job may find its own earlier, unfinished attempt.
      await fs.rm(`${file}.partial`, { force: true });
      const writer = await createEncryptedFile(file, key, purposeOf(voicemailId));
      try {
        await writer.write(bytes);
        await writer.finish();
      } catch (error) {
        await writer.abort();
        throw error;
      }
    },
    read(networkId, voicemailId, key) {
      return readEncryptedFile(fileOf(networkId, voicemailId), key, purposeOf(voicemailId));
    },
    async remove(networkId, voicemailId) {
      await fs.rm(fileOf(networkId, voicemailId), { force: true });
      await fs.rm(`${fileOf(networkId, voicemailId)}.partial`, { force: true });
    },
  };
}

/** The audio type from the first bytes: MP3 (ID3 tag or an MPEG frame sync) or WAV. */
export function sniffAudioType(head: Uint8Array): string | null {
  const ascii = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to));
  if (head.length >= 3 && ascii(0, 3) === 'ID3') return 'audio/mpeg';
  if (head.length >= 2 && head[0] === 0xff && ((head[1] ?? 0) & 0xe0) === 0xe0) return 'audio/mpeg';
  if (head.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WAVE') return 'audio/wav';
  return null;
}
