import { describe, expect, it } from 'vitest';
import { matchTotpStep, newTotpSecret, totpCodeAt, totpQrSvg, totpUri } from './totp.ts';

const step = 30_000;

describe('TOTP', () => {
  const secret = newTotpSecret();
  const now = Date.UTC(2026, 5, 1, 12, 0, 10);
  const currentStep = Math.floor(now / step);

  it('matches the current code to the current step', () => {
    expect(matchTotpStep(secret, totpCodeAt(secret, now), now)).toBe(currentStep);
  });

  it('accepts one step either side and nothing further', () => {
    expect(matchTotpStep(secret, totpCodeAt(secret, now - step), now)).toBe(currentStep - 1);
    expect(matchTotpStep(secret, totpCodeAt(secret, now + step), now)).toBe(currentStep + 1);
    expect(matchTotpStep(secret, totpCodeAt(secret, now - 2 * step), now)).toBeNull();
    expect(matchTotpStep(secret, totpCodeAt(secret, now + 2 * step), now)).toBeNull();
  });

  it('rejects another secret and malformed codes', () => {
    expect(matchTotpStep(newTotpSecret(), totpCodeAt(secret, now), now)).toBeNull();
    for (const code of ['', '12345', '1234567', 'abcdef', ' 123456'])
      expect(matchTotpStep(secret, code, now)).toBeNull();
  });

  it('builds an otpauth URI and a local SVG QR code', async () => {
    const uri = totpUri(secret, 'amparo.example');
    expect(uri).toMatch(/^otpauth:\/\/totp\/Amparo:amparo\.example\?/);
    expect(uri).toContain(`secret=${secret}`);
    const svg = await totpQrSvg(uri);
    expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    // Drawn locally: no linked image or external reference.
    expect(svg).not.toMatch(/<image|href=/);
  });
});
