import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFieldCrypto, DecryptionError } from './field-crypto.ts';
import { addActiveKey, generateKeyFile, KeyringError, parseKeyFile } from './keyring.ts';
import type { KeyFile } from './keyring.ts';

function cryptoFor(file: KeyFile) {
  return createFieldCrypto(parseKeyFile(JSON.stringify(file)));
}

/** Flips one bit of the byte at `index` of the envelope's binary body. */
function flipBodyByte(envelope: string, index: number): string {
  const [version, keyId, body] = envelope.split('.');
  const bytes = Buffer.from(body!, 'base64url');
  bytes[index] = bytes[index]! ^ 0x01;
  return `${version}.${keyId}.${bytes.toString('base64url')}`;
}

describe('field crypto', () => {
  const file = generateKeyFile();
  const crypto = cryptoFor(file);

  it('round-trips any text, and never writes the same envelope twice', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (plaintext) => {
        const envelope = crypto.encrypt(plaintext, 'members.email');
        expect(crypto.decrypt(envelope, 'members.email')).toBe(plaintext);
        expect(crypto.encrypt(plaintext, 'members.email')).not.toBe(envelope);
      }),
      { numRuns: 200 },
    );
    const envelope = crypto.encrypt('Ana María <ana@example.test>', 'members.display_name');
    expect(envelope).toMatch(new RegExp(`^v1\\.${file.active}\\.[A-Za-z0-9_-]+$`));
    expect(envelope).not.toContain('Ana');
    expect(crypto.keyIdOf(envelope)).toBe(file.active);
    expect(crypto.activeKeyId).toBe(file.active);
  });

  it('refuses a value moved to another column (the context is authenticated)', () => {
    const envelope = crypto.encrypt('ana@example.test', 'members.email');
    expect(() => crypto.decrypt(envelope, 'members.display_name')).toThrow(DecryptionError);
  });

  it('refuses a tampered nonce, ciphertext or tag', () => {
    const envelope = crypto.encrypt('a secret note', 'cases.notes');
    const length = Buffer.from(envelope.split('.')[2]!, 'base64url').length;
    for (const index of [0, 23, 24, 30, length - 1]) {
      expect(() => crypto.decrypt(flipBodyByte(envelope, index), 'cases.notes')).toThrow(DecryptionError);
    }
  });

  it('refuses an unknown key id, a value that is no envelope, and a truncated one', () => {
    const envelope = crypto.encrypt('x', 'members.email');
    const [, keyId, body] = envelope.split('.');
    expect(() => crypto.decrypt(`v1.knotakey.${body}`, 'members.email')).toThrow(/unknown key knotakey/);
    expect(() => crypto.decrypt(`v1.knotakey.${body}`, 'members.email')).toThrow(DecryptionError);
    for (const bad of [
      'plain text',
      '',
      `v2.${keyId}.${body}`,
      `v1.${keyId}.${body}.extra`,
      `v1.${keyId}.AAAA`,
    ]) {
      expect(() => crypto.decrypt(bad, 'members.email')).toThrow(DecryptionError);
    }
    expect(crypto.keyIdOf('plain text')).toBe('');
  });

  it('decrypts values of older keys after a new key becomes active', () => {
    const old = crypto.encrypt('before rotation', 'members.email');
    const rotated = cryptoFor(addActiveKey(file));
    expect(rotated.activeKeyId).not.toBe(file.active);
    expect(rotated.decrypt(old, 'members.email')).toBe('before rotation');
    expect(rotated.keyIdOf(rotated.encrypt('after', 'members.email'))).toBe(rotated.activeKeyId);
    // The old keyring alone cannot read what the new key wrote.
    expect(() => crypto.decrypt(rotated.encrypt('after', 'members.email'), 'members.email')).toThrow(
      DecryptionError,
    );
  });

  it('gives a blind index stable per purpose, different across purposes and across index keys', () => {
    const index = crypto.blindIndex('ana@example.test', 'members.email');
    expect(crypto.blindIndex('ana@example.test', 'members.email')).toBe(index);
    expect(index).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(crypto.blindIndex('ana@example.test', 'subscribers.email')).not.toBe(index);
    expect(crypto.blindIndex('ana@example.tesT', 'members.email')).not.toBe(index);
    // Rotating the AEAD keys keeps the index key, so lookups keep working.
    expect(cryptoFor(addActiveKey(file)).blindIndex('ana@example.test', 'members.email')).toBe(index);
    expect(cryptoFor(generateKeyFile()).blindIndex('ana@example.test', 'members.email')).not.toBe(index);
  });
});

describe('key material', () => {
  const valid = generateKeyFile();
  const secret = Object.values(valid.keys)[0]!;

  it.each([
    ['not JSON', '{', /not valid JSON/],
    ['a wrong version', JSON.stringify({ ...valid, version: 2 }), /malformed: version/],
    ['no keys field', JSON.stringify({ ...valid, keys: undefined }), /malformed: keys/],
    ['a bad key id', JSON.stringify({ ...valid, keys: { 'bad.id': secret } }), /malformed: keys/],
    [
      'a short key',
      JSON.stringify({ ...valid, keys: { [valid.active]: 'c2hvcnQ=' } }),
      /must be 32 random bytes/,
    ],
    ['a missing active key', JSON.stringify({ ...valid, active: 'other' }), /active key other is not among/],
    ['a short index key', JSON.stringify({ ...valid, indexKey: 'AAAA' }), /indexKey must be 32 random bytes/],
    ['an index key equal to a key', JSON.stringify({ ...valid, indexKey: secret }), /indexKey must differ/],
  ])(
    'rejects %s with a KeyringError that names the source and never shows a key',
    (_label, text, message) => {
      let error: unknown;
      try {
        parseKeyFile(text, 'AMPARO_ENCRYPTION_KEYS');
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(KeyringError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).toMatch(/^AMPARO_ENCRYPTION_KEYS/);
      expect((error as Error).message).not.toContain(secret);
      expect((error as Error).message).not.toContain(valid.indexKey);
    },
  );
});
