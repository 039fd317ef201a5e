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
  /** The key id an envelope was written with (for rotation); '' when it is no envelope. */
  keyIdOf(envelope: string): string;
}

export class DecryptionError extends Error {
  override name = 'DecryptionError';
}

const nonceBytes = 24;
const tagBytes = 16;
const envelopePattern = /^v1\.([A-Za-z0-9_-]{1,32})\.([A-Za-z0-9_-]+)$/;
/** How often a running server looks at the key file for a rotation done by `amparo keys rotate`. */
const keyFileCheckIntervalMs = 2000;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function envelopePrefix(keyId: string): string {
  return `v1.${keyId}.`;
}

/**
 * A keyring from a key file is re-read when the file changes, so running servers start writing
 * with a rotated key within seconds and can read values re-encrypted by another process. A changed
 * file with a different index key is ignored: it would silently break every blind-index lookup.
 */
export function createFieldCrypto(keyring: Keyring): FieldCrypto {
  let current = keyring;
  let lastCheckedAt = Date.now();
  const indexKey = keyring.indexKey;
  if (!current.keys.has(current.activeKeyId)) throw new Error('active key missing from keyring');

  function refresh(isForced: boolean): void {
    if (!current.reloadIfChanged) return;
    const now = Date.now();
    if (!isForced && now - lastCheckedAt < keyFileCheckIntervalMs) return;
    lastCheckedAt = now;
    try {
      const next = current.reloadIfChanged();
      if (next && Buffer.from(indexKey).equals(next.indexKey) && next.keys.has(next.activeKeyId)) {
        current = next;
      }
    } catch {
      // A broken key file keeps this process on the keys it has; the next start reports it.
    }
  }

  function keyFor(keyId: string): Uint8Array {
    let key = current.keys.get(keyId);
    if (!key) {
      refresh(true);
      key = current.keys.get(keyId);
    }
    if (!key) throw new DecryptionError(`unknown key ${keyId}`);
    return key;
  }

  return {
    get activeKeyId() {
      refresh(false);
      return current.activeKeyId;
    },
    encrypt(plaintext, context) {
      refresh(false);
      const keyId = current.activeKeyId;
      const key = keyFor(keyId);
      const nonce = new Uint8Array(randomBytes(nonceBytes));
      const sealed = xchacha20poly1305(key, nonce, encoder.encode(context)).encrypt(
        encoder.encode(plaintext),
      );
      const packed = new Uint8Array(nonce.length + sealed.length);
      packed.set(nonce);
      packed.set(sealed, nonce.length);
      return `${envelopePrefix(keyId)}${Buffer.from(packed).toString('base64url')}`;
    },
    decrypt(envelope, context) {
      const match = envelopePattern.exec(envelope);
      if (!match) throw new DecryptionError('not an encrypted value');
      const [, keyId = '', body = ''] = match;
      const key = keyFor(keyId);
      const packed = new Uint8Array(Buffer.from(body, 'base64url'));
      if (packed.length < nonceBytes + tagBytes) throw new DecryptionError('truncated value');
      try {
        const opened = xchacha20poly1305(
          key,
          packed.subarray(0, nonceBytes),
          encoder.encode(context),
        ).decrypt(packed.subarray(nonceBytes));
        return decoder.decode(opened);
      } catch {
        throw new DecryptionError('value failed authentication');
      }
    },
    blindIndex(normalizedValue, purpose) {
      const mac = hmac(sha256, indexKey, encoder.encode(`${purpose}\u0000${normalizedValue}`));
      return Buffer.from(mac).toString('base64url');
    },
    keyIdOf(envelope) {
      return envelopePattern.exec(envelope)?.[1] ?? '';
    },
  };
}
