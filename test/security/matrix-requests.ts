import { Secret, TOTP } from 'otpauth';
import type { Caller, MatrixFixture } from './matrix-fixture.ts';

/** Shape-valid but made-up WebAuthn attestation: it must fail verification, not validation. */
export const fakeRegistrationResponse = {
  id: 'bWFkZS11cA',
  rawId: 'bWFkZS11cA',
  type: 'public-key',
  response: { clientDataJSON: 'e30', attestationObject: 'oA' },
  clientExtensionResults: {},
};

/** The caller's authenticator code right now (signed out: any six digits). */
export function currentTotpCode(fixture: MatrixFixture, caller: Caller): string {
  const secret = caller.member?.totpSecret;
  if (!secret) return '000000';
  return TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: fixture.context.clock.now() });
}
