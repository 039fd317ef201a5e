import { currentTotpCode, fakeRegistrationResponse } from '../matrix-requests.ts';
import { buildPasskey } from '../../support/factories.ts';
import type { RouteRow } from '../route-matrix.ts';

/** Authorization matrix rows: sign-in and the signed-in member's own sessions and second factors. See test/security/route-matrix.ts for the row format. */
export const authRows: RouteRow[] = [
  // sign-in (before there is a session)
  {
    method: 'POST',
    url: '/api/auth/sign-in',
    public: true,
    note: 'password sign-in: rate limited, same-origin',
  },
  { method: 'POST', url: '/api/auth/sign-in/totp', public: true, note: 'second step of a pending sign-in' },
  {
    method: 'POST',
    url: '/api/auth/passkeys/authenticate/options',
    public: true,
    note: 'passkey sign-in challenge: rate limited per address prefix',
  },
  { method: 'POST', url: '/api/auth/passkeys/authenticate/verify', public: true, note: 'passkey sign-in' },
  {
    method: 'POST',
    url: '/api/auth/sign-out',
    public: true,
    note: 'ends only the caller’s own session; answers 204 signed out too (nothing to protect)',
  },

  // the signed-in member's own session and second factors (probationary members too)
  { method: 'GET', url: '/api/auth/session', allow: 'any-member', scope: 'own-network' },
  { method: 'GET', url: '/api/auth/sessions', allow: 'any-member', scope: 'own-network' },
  {
    method: 'POST',
    url: '/api/auth/sign-out-everywhere',
    allow: 'any-member',
    scope: 'own-network',
    freshCaller: true,
  },
  {
    method: 'POST',
    url: '/api/members/:memberId/sessions/revoke',
    allow: ['admin'],
    request: async (fixture) => ({ params: { memberId: (await fixture.fresh.member()).id } }),
  },
  {
    method: 'POST',
    url: '/api/auth/totp/enroll',
    allow: 'any-member',
    scope: 'own-network',
    note: 'callers already have an app: TOTP_ALREADY_ENROLLED (409) still proves access',
  },
  {
    method: 'POST',
    url: '/api/auth/totp/confirm',
    allow: 'any-member',
    scope: 'own-network',
    request: () => ({ body: { code: '000000' } }),
    note: 'no enrollment pending: TOTP_NOT_STARTED (409) still proves access',
  },
  { method: 'DELETE', url: '/api/auth/totp', allow: 'any-member', scope: 'own-network', freshCaller: true },
  { method: 'POST', url: '/api/auth/passkeys/register/options', allow: 'any-member', scope: 'own-network' },
  {
    method: 'POST',
    url: '/api/auth/passkeys/register/verify',
    allow: 'any-member',
    scope: 'own-network',
    request: () => ({ body: { response: fakeRegistrationResponse } }),
    note: 'a made-up attestation: PASSKEY_REGISTRATION_FAILED (400) still proves access',
  },
  { method: 'GET', url: '/api/auth/passkeys', allow: 'any-member', scope: 'own-network' },
  {
    method: 'PATCH',
    url: '/api/auth/passkeys/:passkeyId',
    allow: 'any-member',
    // Renames only the caller's own passkeys (each caller names a new one of theirs); another
    // member's passkey is PASSKEY_NOT_FOUND, as test/auth/passkey-names.int.test.ts shows.
    scope: 'own-network',
    request: async (fixture, caller) => ({
      params: {
        passkeyId: caller.member
          ? (await buildPasskey(fixture.context, caller.member.id)).id
          : 'bm8tc3VjaC1wYXNza2V5',
      },
      body: { name: 'Work laptop' },
    }),
  },
  {
    method: 'DELETE',
    url: '/api/auth/passkeys/:passkeyId',
    allow: 'any-member',
    // Deletes only among the caller's own passkeys: network A's id is a no-op for everyone else.
    scope: 'own-network',
    freshCaller: true,
    request: async (fixture) => ({
      params: { passkeyId: (await buildPasskey(fixture.context, fixture.targetA.id)).id },
    }),
  },
  { method: 'POST', url: '/api/auth/step-up/options', allow: 'any-member', scope: 'own-network' },
  {
    method: 'POST',
    url: '/api/auth/step-up',
    allow: 'any-member',
    scope: 'own-network',
    // A code step-up records "totp" on the session, which passkey-only routes after it would refuse.
    freshCaller: true,
    request: (fixture, caller) => ({ body: { code: currentTotpCode(fixture, caller) } }),
  },
];
