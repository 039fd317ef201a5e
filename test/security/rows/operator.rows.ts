import type { RouteRow } from '../route-matrix.ts';

/**
 * Authorization matrix rows: the deployment operator's API (ADR 0032). No member, of any role or
 * network, may call the operator's routes (`allow: []`); the authorization matrix also calls every
 * members' route with an operator's session and expects 403. `scope: 'object'`: a member of any
 * network, the other network's too, must be refused.
 */
export const operatorRows: RouteRow[] = [
  {
    method: 'GET',
    url: '/api/operator/setup/:token',
    public: true,
    note: "the operator's one-time setup link: the token is the capability",
  },
  {
    method: 'POST',
    url: '/api/operator/setup/:token',
    public: true,
    note: 'sets the password and proves the authenticator once; same-origin',
  },
  {
    method: 'POST',
    url: '/api/operator/sign-in',
    public: true,
    note: 'email, password and authenticator code: rate limited, same-origin',
  },
  { method: 'GET', url: '/api/operator/session', allow: [], scope: 'object' },
  { method: 'POST', url: '/api/operator/sign-out', allow: [], scope: 'object' },
  { method: 'GET', url: '/api/operator/networks', allow: [], scope: 'object' },
  {
    method: 'POST',
    url: '/api/operator/networks',
    allow: [],
    scope: 'object',
    request: () => ({ body: { name: 'Matrix network', slug: 'matrix-net', timezone: 'UTC' } }),
  },
  {
    method: 'POST',
    url: '/api/operator/networks/:networkId/suspend',
    allow: [],
    request: (fixture) => ({ params: { networkId: fixture.networkA.id }, body: { code: '123456' } }),
  },
  {
    method: 'POST',
    url: '/api/operator/networks/:networkId/resume',
    allow: [],
    request: (fixture) => ({ params: { networkId: fixture.networkA.id }, body: { code: '123456' } }),
  },
];
