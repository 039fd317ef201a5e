import { describe, expect, it } from 'vitest';
import { generateKeyFile } from './keyring.ts';
import {
  deriveUnlock,
  newSealingKdf,
  openSealedKeyring,
  sealedPartOf,
  sealKeyFileText,
  WrongPassphraseError,
} from './sealed-keyring.ts';

const plain = `${JSON.stringify(generateKeyFile(), null, 2)}\n`;

async function sealWith(secret: string, by: 'passphrase' | 'credential' = 'passphrase') {
  const unlock = await deriveUnlock({ by, kdf: newSealingKdf(by) }, secret);
  const text = sealKeyFileText(plain, unlock);
  const seal = sealedPartOf(JSON.parse(text), 'test');
  if (!seal) throw new Error('not sealed');
  return { unlock, text, seal };
}

describe('sealed keyring', () => {
  it('holds no key material in the clear and opens with the same passphrase', async () => {
    const { unlock, text, seal } = await sealWith('correct horse battery staple');
    const keys = JSON.parse(plain) as { keys: Record<string, string>; indexKey: string };
    for (const material of [...Object.values(keys.keys), keys.indexKey]) expect(text).not.toContain(material);
    expect(seal.kdf).toMatchObject({ algorithm: 'argon2id', memoryCost: 65536, timeCost: 3 });
    expect(openSealedKeyring(seal, unlock, 'test')).toBe(plain);
    // A fresh derivation from the same passphrase opens it too (what unsealing after a restart does).
    expect(openSealedKeyring(seal, await deriveUnlock(seal, 'correct horse battery staple'), 'test')).toBe(
      plain,
    );
  });

  it('refuses a wrong passphrase or credential with WrongPassphraseError', async () => {
    const { seal } = await sealWith('correct horse battery staple');
    const wrong = await deriveUnlock(seal, 'correct horse battery stapler');
    expect(() => openSealedKeyring(seal, wrong, 'test')).toThrow(WrongPassphraseError);
    const byCredential = await sealWith('x'.repeat(48), 'credential');
    expect(byCredential.seal.kdf.algorithm).toBe('hkdf-sha256');
    const otherCredential = await deriveUnlock(byCredential.seal, 'y'.repeat(48));
    expect(() => openSealedKeyring(byCredential.seal, otherCredential, 'test')).toThrow(/does not open/);
  });

  it('binds the costs to the ciphertext: weakened parameters or a flipped byte do not open', async () => {
    const { seal } = await sealWith('correct horse battery staple');
    if (seal.kdf.algorithm !== 'argon2id') throw new Error('argon2id expected');
    const weakened = { ...seal, kdf: { ...seal.kdf, memoryCost: 8192, timeCost: 1 } };
    // The right wrapping key, presented with weakened parameters: the associated data no longer matches.
    const right = await deriveUnlock(seal, 'correct horse battery staple');
    expect(() => openSealedKeyring(weakened, { ...right, kdf: weakened.kdf }, 'test')).toThrow(
      WrongPassphraseError,
    );
    const bytes = Buffer.from(seal.ciphertext, 'base64');
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    const flipped = { ...seal, ciphertext: bytes.toString('base64') };
    const unlock = await deriveUnlock(seal, 'correct horse battery staple');
    expect(() => openSealedKeyring(flipped, unlock, 'test')).toThrow(WrongPassphraseError);
  });

  it('refuses a malformed seal with a clear error, and treats a plain key file as not sealed', () => {
    expect(sealedPartOf(JSON.parse(plain), 'test')).toBeNull();
    expect(() => sealedPartOf({ version: 1, sealed: { by: 'passphrase' } }, 'key file x')).toThrow(
      'key file x: the sealed keyring is malformed',
    );
  });
});
