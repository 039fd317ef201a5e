import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, newPasswordSchema, verifyPassword } from './password.ts';

describe('passwords', () => {
  it('hashes with argon2id at the OWASP parameters and verifies', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(hash, 'correct horse battery stapl')).toBe(false);
    expect(needsRehash(hash)).toBe(false);
  });

  it('enforces length only: 12 to 256 characters, counted as characters not bytes', async () => {
    await expect(hashPassword('elevenchars')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(hashPassword('x'.repeat(257))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    // No composition rules: twelve lower-case letters are fine; so are 12 emoji (24 UTF-16 units).
    expect(newPasswordSchema.safeParse('abcdefghijkl').success).toBe(true);
    expect(newPasswordSchema.safeParse('🌵'.repeat(12)).success).toBe(true);
    expect(newPasswordSchema.safeParse('🌵'.repeat(11)).success).toBe(false);
    expect(newPasswordSchema.safeParse('é'.repeat(256)).success).toBe(true);
    expect(newPasswordSchema.safeParse('é'.repeat(257)).success).toBe(false);
    await expect(hashPassword('🌵'.repeat(256))).resolves.toMatch(/^\$argon2id\$/);
  });

  it('never throws on a malformed stored hash, and asks to rehash weaker ones', async () => {
    expect(await verifyPassword('not a hash', 'whatever password')).toBe(false);
    expect(needsRehash('not a hash')).toBe(true);
    expect(
      needsRehash(
        '$argon2id$v=19$m=4096,t=3,p=1$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g',
      ),
    ).toBe(true);
  });
});
