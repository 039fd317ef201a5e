import type { RouteRow } from '../security/route-matrix.ts';
import { SoftwareAuthenticator } from './software-authenticator.ts';

/**
 * The auth module's rows for test/security/route-matrix.ts, to spread at the END of `routeMatrix`
 * (`...authRouteRows`): the last two rows remove each caller's authenticator app and end all
 * their sessions, so no row may run after them.
 *
 * Calls that need a secret only the caller's own device has (a current TOTP code, a passkey
 * signature) get a well-formed but wrong proof: the allowed caller reaches the service and gets a
 * 4xx that is not 401/403/404, while everyone else is stopped before it.
 */
export const authRouteRows: RouteRow[] = [
  // Before a session exists. Each is rate-limited in memory and answers alike for every account.
  { method: 'POST', url: '/api/auth/sign-in', public: true, note: 'password sign-in' },
  {
    method: 'POST',
    url: '/api/auth/sign-in/totp',
    public: true,
    note: 'the pending sign-in token is the credential',
  },
  {
    method: 'POST',
    url: '/api/auth/passkeys/authenticate/options',
    public: true,
    note: 'passkey sign-in challenge (passwordless, or for a pending sign-in)',
  },
  {
    method: 'POST',
    url: '/api/auth/passkeys/authenticate/verify',
    public: true,
    note: 'the passkey is the credential',
  },
  {
    method: 'POST',
    url: '/api/auth/sign-out',
    public: true,
    note: 'ends the session if any (CSRF-checked); 204 either way',
  },

  // The signed-in member's own session and factors.
  { method: 'GET', url: '/api/auth/session', allow: 'any-member', scope: 'own-network' },
  { method: 'GET', url: '/api/auth/sessions', allow: 'any-member', scope: 'own-network' },
  {
    method: 'POST',
    url: '/api/auth/totp/enroll',
    allow: 'any-member',
    scope: 'own-network',
    note: 'callers already have TOTP: 409 TOTP_ALREADY_ENROLLED',
  },
  {
    method: 'POST',
    url: '/api/auth/totp/confirm',
    allow: 'any-member',
    scope: 'own-network',
    request: () => ({ body: { code: '000000' } }),
  },
  { method: 'POST', url: '/api/auth/passkeys/register/options', allow: 'any-member', scope: 'own-network' },
  {
    method: 'POST',
    url: '/api/auth/passkeys/register/verify',
    allow: 'any-member',
    scope: 'own-network',
    request: () => ({
      body: { response: new SoftwareAuthenticator().register({ challenge: 'bm90LWlzc3VlZA' }) },
    }),
  },
  { method: 'GET', url: '/api/auth/passkeys', allow: 'any-member', scope: 'own-network' },
  {
    method: 'DELETE',
    url: '/api/auth/passkeys/:passkeyId',
    allow: 'any-member',
    // Only the caller's own passkeys can be deleted; any other id answers 204 and changes nothing.
    scope: 'own-network',
    request: () => ({ params: { passkeyId: 'bm90LWEtcGFzc2tleQ' } }),
  },
  { method: 'POST', url: '/api/auth/step-up/options', allow: 'any-member', scope: 'own-network' },
  {
    method: 'POST',
    url: '/api/auth/step-up',
    allow: 'any-member',
    scope: 'own-network',
    request: () => ({ body: { code: '000000' } }),
  },

  // Admin: end another member's sessions.
  {
    method: 'POST',
    url: '/api/members/:memberId/sessions/revoke',
    allow: ['admin'],
    request: async (fixture) => ({ params: { memberId: (await fixture.fresh.member()).id }, body: {} }),
  },

  // Destructive for the caller: keep these two last.
  { method: 'DELETE', url: '/api/auth/totp', allow: 'any-member', scope: 'own-network' },
  { method: 'POST', url: '/api/auth/sign-out-everywhere', allow: 'any-member', scope: 'own-network' },
];
