import { randomBytes } from 'node:crypto';
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import type { Keyring } from './keyring.ts';

/**
 * Field-level encryption for sensitive values (SECURITY.md data classes).
 *
 * Envelope: `v1.<keyId>.<base64url(nonce ‖ ciphertext ‖ tag)>` with XChaCha20-Poly1305 and a
 * random 192-bit nonce (safe to pick at random for any number of messages). The `context`
 * (e.g. `members.email`) is bound as associated data, so a ciphertext copied into another column
 * fails to decrypt instead of leaking there.
 */
export interface FieldCrypto {
  encrypt(plaintext: string, context: string): string;
  decrypt(envelope: string, context: string): string;
  /** Keyed hash for equality lookups on a sensitive value, separated by purpose. */
  blindIndex(normalizedValue: string, purpose: string): string;
  /** The id of the key new values are encrypted with. */
  readonly activeKeyId: string;
  /** The key id an envelope was written with (for rotation). */
  keyIdOf(envelope: string): string;
}

export class DecryptionError extends Error {
  override name = 'DecryptionError';
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function createFieldCrypto(keyring: Keyring): FieldCrypto {
  const activeKey = keyring.keys.get(keyring.activeKeyId);
  if (!activeKey) throw new Error('active key missing from keyring');
  return {
    activeKeyId: keyring.activeKeyId,
    encrypt(plaintext, context) {
      const nonce = new Uint8Array(randomBytes(24));
      const sealed = xchacha20poly1305(activeKey, nonce, encoder.encode(context)).encrypt(
        encoder.encode(plaintext),
      );
      const packed = new Uint8Array(nonce.length + sealed.length);
      packed.set(nonce);
      packed.set(sealed, nonce.length);
      return `v1.${keyring.activeKeyId}.${Buffer.from(packed).toString('base64url')}`;
    },
    decrypt(envelope, context) {
      const [version, keyId, body] = envelope.split('.');
      if (version !== 'v1' || !keyId || !body) throw new DecryptionError('not an encrypted value');
      const key = keyring.keys.get(keyId);
      if (!key) throw new DecryptionError(`unknown key ${keyId}`);
      const packed = new Uint8Array(Buffer.from(body, 'base64url'));
      if (packed.length < 24 + 16) throw new DecryptionError('truncated value');
      try {
        const opened = xchacha20poly1305(key, packed.subarray(0, 24), encoder.encode(context)).decrypt(
          packed.subarray(24),
        );
        return decoder.decode(opened);
      } catch {
        throw new DecryptionError('value failed authentication');
      }
    },
    blindIndex(normalizedValue, purpose) {
      const mac = hmac(sha256, keyring.indexKey, encoder.encode(`${purpose}\u0000${normalizedValue}`));
      return Buffer.from(mac).toString('base64url');
    },
    keyIdOf(envelope) {
      return envelope.split('.')[1] ?? '';
    },
  };
}
