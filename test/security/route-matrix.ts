/**
 * ┌──────────────────────────────────────────────────────────────────────────────────────────┐
 * │ EVERY HTTP ROUTE NEEDS A ROW HERE. Module authors: when you add, rename or remove a route,  │
 * │ add, change or remove its row in `routeMatrix` below, in the same change.                  │
 * └──────────────────────────────────────────────────────────────────────────────────────────┘
 *
 * test/security/authorization-matrix.int.test.ts collects every route the app registers and
 * fails when a route has no row, or a row names a route that no longer exists. It then calls each
 * non-public route as: every role (active, second factor enrolled, fresh step-up), a probationary
 * member holding every role, a member of ANOTHER network holding every role, and signed out. An
 * allowed caller must not get 401/403/404; everyone else must get one of them (signed out: 401).
 *
 * A row:
 * - `method`, `url`: exactly as registered (`/api/members/:memberId`, not a concrete id).
 * - `public: true`: needs no session (pages, sign-in, capability links such as /join/:token).
 *   Say why in `note`.
 * - `allow`: roles that may call it, or 'any-active' (every active member, whatever their role),
 *   or 'any-member' (probationary members too).
 * - `request(fixture, caller)`: path params, query and body for a call against NETWORK A's objects
 *   (called once per caller; use `fixture.fresh.*` when the call changes or consumes its object;
 *   `caller.member` is who calls, or null signed out). Give a valid body: an allowed caller must
 *   reach the service, not fail validation.
 * - `scope`: 'object' (default when the url has params) — the route acts on the object named in
 *   the request, so the other network's member must be denied; 'own-network' — the route acts on
 *   the caller's own network (lists, creation), so the other network's member is allowed but their
 *   response must not contain any id of network A.
 * - `stream: true`: the response never ends (server-sent events); allowed calls are made over real
 *   HTTP and judged by the status line.
 * - `freshCaller: true`: the call changes the caller's own account or sessions (sign out
 *   everywhere, remove a second factor): each caller is replaced by a new twin (same network,
 *   roles, status and second factor) so the rows after it keep their callers intact.
 */
import { randomUUID } from 'node:crypto';
import type { Role } from '../../server/modules/members/index.ts';
import type { Caller, MatrixFixture } from './matrix-fixture.ts';
import { currentTotpCode, fakeRegistrationResponse } from './matrix-requests.ts';
import { buildArea, buildPasskey } from '../support/factories.ts';
import { buildIncident } from '../intake/incident-factory.ts';
import { buildReachableReport } from '../hotline/support.ts';
import { buildAlert } from '../alerts/support/alert-factory.ts';
import { matrixEvidence, matrixIncident, matrixOffer } from '../dispatch/matrix-objects.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface MatrixRequest {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: Record<string, unknown>;
}

export interface RouteRow {
  method: HttpMethod;
  url: string;
  public?: true;
  allow?: readonly Role[] | 'any-active' | 'any-member';
  request?: (fixture: MatrixFixture, caller: Caller) => MatrixRequest | Promise<MatrixRequest>;
  scope?: 'object' | 'own-network';
  stream?: true;
  freshCaller?: true;
  note?: string;
}

const managers: readonly Role[] = ['admin', 'coordinator'];
const incidentWorkers: readonly Role[] = ['dispatcher', 'coordinator'];

const alertReaders: readonly Role[] = ['admin', 'coordinator', 'dispatcher'];
const alertDrafters: readonly Role[] = ['coordinator', 'dispatcher'];

export const routeMatrix: RouteRow[] = [
  // health
  { method: 'GET', url: '/healthz', public: true, note: 'liveness probe, no data' },
  // the members' web app (issue 7): static build files; every call it makes goes through the API rows
  { method: 'GET', url: '/app/', public: true, note: 'web app shell (index.html), no data' },
  { method: 'GET', url: '/app/*', public: true, note: 'web app build files: scripts, styles, icons' },
  { method: 'GET', url: '/app/settings', public: true, note: 'web app settings: map tile path, no data' },
  { method: 'GET', url: '/app/locales/:language', public: true, note: 'web app message catalogs' },
  { method: 'GET', url: '/readyz', public: true, note: 'readiness probe, no data' },

  // setup (capability link printed on the console of an empty deployment)
  { method: 'GET', url: '/setup/:setupToken', public: true, note: 'one-time setup link is the credential' },
  { method: 'POST', url: '/setup/:setupToken', public: true, note: 'one-time setup link is the credential' },

  // joining (capability link from an invitation)
  { method: 'GET', url: '/join/:invitationToken', public: true, note: 'invitation link is the credential' },
  { method: 'POST', url: '/join/:invitationToken', public: true, note: 'invitation link is the credential' },
  {
    method: 'POST',
    url: '/api/invitations/:invitationToken/accept',
    public: true,
    note: 'invitation link is the credential',
  },

  // invitations
  {
    method: 'POST',
    url: '/api/invitations',
    allow: managers,
    scope: 'own-network',
    request: () => ({ body: { roles: [{ role: 'responder' }] } }),
  },
  { method: 'GET', url: '/api/invitations', allow: managers, scope: 'own-network' },
  {
    method: 'DELETE',
    url: '/api/invitations/:invitationId',
    allow: managers,
    // Made by network A's coordinator: admins revoke any invitation, coordinators their own.
    request: async (fixture) => ({ params: { invitationId: (await fixture.fresh.invitation()).id } }),
  },

  // members
  { method: 'GET', url: '/api/members', allow: ['admin', 'coordinator', 'dispatcher'], scope: 'own-network' },
  {
    method: 'GET',
    url: '/api/members/:memberId',
    allow: managers,
    request: (fixture) => ({ params: { memberId: fixture.targetA.id } }),
  },
  {
    method: 'PUT',
    url: '/api/members/:memberId/roles',
    allow: ['admin'],
    request: async (fixture) => ({
      params: { memberId: (await fixture.fresh.member()).id },
      body: { roles: [{ role: 'viewer' }, { role: 'responder', areaId: fixture.areaA.id }] },
    }),
  },
  {
    method: 'DELETE',
    url: '/api/members/:memberId',
    allow: ['admin'],
    request: async (fixture) => ({ params: { memberId: (await fixture.fresh.member()).id } }),
  },
  {
    method: 'POST',
    url: '/api/members/:memberId/exercise-recipient',
    allow: managers,
    request: (fixture) => ({ params: { memberId: fixture.targetA.id }, body: { isExerciseRecipient: true } }),
  },
  {
    method: 'POST',
    url: '/api/members/:memberId/vettings',
    allow: ['coordinator'],
    request: async (fixture) => ({
      params: { memberId: (await fixture.fresh.member({ status: 'probationary' })).id },
    }),
  },

  // audit trail
  { method: 'GET', url: '/api/audit', allow: ['admin'], scope: 'own-network' },
  { method: 'GET', url: '/api/audit/verify', allow: ['admin'], scope: 'own-network' },

  // realtime
  {
    method: 'GET',
    url: '/api/realtime',
    allow: 'any-member',
    scope: 'own-network',
    stream: true,
    note: 'probationary members hear only their own room',
  },

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
    request: (fixture, caller) => ({ body: { code: currentTotpCode(fixture, caller) } }),
  },

  // network profile and areas
  { method: 'GET', url: '/api/network', allow: 'any-active', scope: 'own-network' },
  {
    method: 'PATCH',
    url: '/api/network',
    allow: ['admin'],
    scope: 'own-network',
    request: () => ({ body: { settings: { alertCapPerAreaPerHour: 4 } } }),
  },
  { method: 'GET', url: '/api/areas', allow: 'any-active', scope: 'own-network' },
  {
    method: 'GET',
    url: '/api/areas/:areaId',
    allow: 'any-active',
    request: (fixture) => ({ params: { areaId: fixture.areaA.id } }),
  },
  {
    method: 'POST',
    url: '/api/areas',
    allow: ['admin'],
    scope: 'own-network',
    request: () => ({ body: { name: `Area ${randomUUID()}`, kind: 'zips', zips: ['60608'] } }),
  },
  {
    method: 'PUT',
    url: '/api/areas/:areaId',
    allow: ['admin'],
    request: async (fixture) => ({
      params: { areaId: (await freshArea(fixture)).id },
      body: {
        name: `Area ${randomUUID()}`,
        kind: 'circle',
        center: { lat: 41.85, lon: -87.66 },
        radiusMeters: 900,
      },
    }),
  },
  {
    method: 'DELETE',
    url: '/api/areas/:areaId',
    allow: ['admin'],
    request: async (fixture) => ({ params: { areaId: (await freshArea(fixture)).id } }),
  },
  // hotline intake (the public form and API need no account by design; see report.origin.ts)
  {
    method: 'POST',
    url: '/api/public/:slug/reports',
    public: true,
    note: 'anonymous report intake: origin-checked, honeypot, no account by design',
  },
  { method: 'GET', url: '/r/:slug', public: true, note: 'public report form, no account by design' },
  {
    method: 'POST',
    url: '/r/:slug',
    public: true,
    note: 'public report form (no JavaScript): origin-checked, honeypot, no account by design',
  },
  {
    method: 'GET',
    url: '/assets/report-location.js',
    public: true,
    note: 'static script of the report form',
  },
  {
    method: 'GET',
    url: '/s/:slug/:publicId',
    public: true,
    note: 'public status of one incident (unguessable id): plain-language status and ZIP, no people or text',
  },
  {
    method: 'POST',
    url: '/api/reports',
    allow: incidentWorkers,
    scope: 'own-network',
    request: () => ({
      body: { channel: 'operator', category: 'other', location: { lat: 41.85, lon: -87.66 } },
    }),
  },

  // incidents
  { method: 'GET', url: '/api/incidents', allow: incidentWorkers, scope: 'own-network' },
  {
    method: 'GET',
    url: '/api/incidents/:incidentId',
    allow: incidentWorkers,
    request: async (fixture) => ({ params: { incidentId: (await freshIncident(fixture)).id } }),
  },
  {
    method: 'POST',
    url: '/api/incidents/:incidentId/status',
    allow: incidentWorkers,
    request: async (fixture) => ({
      params: { incidentId: (await freshIncident(fixture)).id },
      body: { status: 'verifying' },
    }),
  },
  {
    method: 'POST',
    url: '/api/incidents/:incidentId/claim',
    allow: incidentWorkers,
    request: async (fixture) => ({ params: { incidentId: (await freshIncident(fixture)).id }, body: {} }),
  },
  {
    method: 'POST',
    url: '/api/incidents/:incidentId/release',
    allow: incidentWorkers,
    request: async (fixture) => ({ params: { incidentId: (await freshIncident(fixture)).id } }),
  },
  {
    method: 'GET',
    url: '/api/incidents/:incidentId/notes',
    allow: incidentWorkers,
    request: async (fixture) => ({ params: { incidentId: (await freshIncident(fixture)).id } }),
  },
  {
    method: 'POST',
    url: '/api/incidents/:incidentId/notes',
    allow: incidentWorkers,
    request: async (fixture) => ({
      params: { incidentId: (await freshIncident(fixture)).id },
      body: { body: 'Checked with the parish office' },
    }),
  },
  {
    method: 'POST',
    url: '/api/incidents/:incidentId/merge',
    allow: incidentWorkers,
    request: async (fixture) => ({
      params: { incidentId: (await freshIncident(fixture)).id },
      body: { intoIncidentId: (await freshIncident(fixture)).id },
    }),
  },
  {
    method: 'POST',
    url: '/api/incidents/:incidentId/split',
    allow: incidentWorkers,
    request: async (fixture) => {
      const incident = await freshIncident(fixture, 2);
      return { params: { incidentId: incident.id }, body: { reportIds: [incident.reportIds[0]] } };
    },
  },

  // SMS hotline, reporter thread, flood mode, weaponized tips, rumor control (issue 4)
  {
    method: 'POST',
    url: '/webhooks/twilio/sms',
    public: true,
    note: "Twilio's webhook: X-Twilio-Signature over the public URL is the credential",
  },
  {
    method: 'GET',
    url: '/api/incidents/:incidentId/messages',
    allow: incidentWorkers,
    request: async (fixture) => ({ params: { incidentId: (await freshIncident(fixture)).id } }),
  },
  {
    method: 'POST',
    url: '/api/incidents/:incidentId/messages',
    allow: incidentWorkers,
    request: async (fixture) => {
      const report = await reachableReport(fixture);
      return {
        params: { incidentId: report.incidentId },
        body: { reportId: report.reportId, body: 'Still there?' },
      };
    },
  },
  {
    method: 'GET',
    url: '/api/network/flood-mode',
    allow: [...incidentWorkers, 'admin'],
    scope: 'own-network',
  },
  {
    method: 'POST',
    url: '/api/network/flood-mode',
    allow: incidentWorkers,
    scope: 'own-network',
    request: () => ({ body: { isOn: false } }),
  },
  { method: 'GET', url: '/api/flagged-reports', allow: ['coordinator'], scope: 'own-network' },
  {
    method: 'GET',
    url: '/s/:slug',
    public: true,
    note: 'rumor control: outcomes, ZIP and rounded times, no people or text',
  },

  // subscriptions and verified alerts (issue 6)
  { method: 'GET', url: '/a/:slug', public: true, note: 'live verified alerts: published text only' },
  { method: 'GET', url: '/api/public/:slug/alerts', public: true, note: 'live verified alerts as JSON' },
  {
    method: 'GET',
    url: '/api/public/alerts/:publicId',
    public: true,
    note: 'one published alert, fetched by the service worker',
  },
  { method: 'GET', url: '/a/:slug/alerts/:publicId.cap', public: true, note: 'CAP 1.2 of a published alert' },
  { method: 'GET', url: '/a/:slug/alerts.atom', public: true, note: 'Atom feed of published alerts' },
  { method: 'GET', url: '/a/:slug/subscribe', public: true, note: 'public subscribe page' },
  { method: 'GET', url: '/a/:slug/subscribe.js', public: true, note: 'static script of the subscribe page' },
  { method: 'GET', url: '/a/:slug/sw.js', public: true, note: 'static push service worker' },
  {
    method: 'POST',
    url: '/api/public/:slug/push-subscriptions',
    public: true,
    note: 'anyone may subscribe a browser (same-site, rate-limited)',
  },
  {
    method: 'POST',
    url: '/a/:slug/subscribe/email',
    public: true,
    note: 'double opt-in: nothing is sent but the confirmation',
  },
  {
    method: 'GET',
    url: '/a/:slug/confirm/:token',
    public: true,
    note: 'the emailed confirmation token is the credential',
  },
  {
    method: 'POST',
    url: '/a/:slug/confirm/:token',
    public: true,
    note: 'the emailed confirmation token is the credential',
  },
  {
    method: 'GET',
    url: '/a/:slug/unsubscribe/:token',
    public: true,
    note: 'the keyed unsubscribe token is the credential',
  },
  {
    method: 'POST',
    url: '/a/:slug/unsubscribe/:token',
    public: true,
    note: 'the keyed unsubscribe token is the credential',
  },
  {
    method: 'POST',
    url: '/webhooks/twilio/status',
    public: true,
    note: "Twilio's status callback: X-Twilio-Signature is the credential",
  },
  {
    method: 'POST',
    url: '/api/alerts',
    allow: alertDrafters,
    // The body names network A's incident: another network's member must not reach it.
    scope: 'object',
    request: async (fixture) => ({
      body: { incidentId: (await freshIncident(fixture)).id, status: 'exercise' },
    }),
  },
  { method: 'GET', url: '/api/alerts', allow: alertReaders, scope: 'own-network' },
  {
    method: 'POST',
    url: '/api/alerts/stop-switch',
    allow: ['admin', 'coordinator'],
    scope: 'own-network',
    request: () => ({ body: { isStopped: false } }),
  },
  {
    method: 'GET',
    url: '/api/alerts/:alertId',
    allow: alertReaders,
    request: async (fixture) => ({ params: { alertId: (await freshAlert(fixture, 'approved')).id } }),
  },
  {
    method: 'GET',
    url: '/api/alerts/:alertId/preview',
    allow: alertReaders,
    request: async (fixture) => ({ params: { alertId: (await freshAlert(fixture, 'draft')).id } }),
  },
  {
    method: 'POST',
    url: '/api/alerts/:alertId/confirm-override',
    allow: ['coordinator'],
    request: async (fixture) => ({ params: { alertId: (await freshAlert(fixture, 'draft', true)).id } }),
  },
  {
    method: 'POST',
    url: '/api/alerts/:alertId/approve',
    allow: ['coordinator'],
    request: async (fixture) => ({ params: { alertId: (await freshAlert(fixture, 'draft')).id } }),
  },
  {
    method: 'POST',
    url: '/api/alerts/:alertId/correct',
    allow: alertDrafters,
    request: async (fixture) => ({
      params: { alertId: (await freshAlert(fixture, 'approved')).id },
      body: {},
    }),
  },
  {
    method: 'POST',
    url: '/api/alerts/:alertId/cancel',
    allow: ['coordinator'],
    request: async (fixture) => ({
      params: { alertId: (await freshAlert(fixture, 'approved')).id },
      body: {},
    }),
  },
  { method: 'GET', url: '/api/alert-templates', allow: alertReaders, scope: 'own-network' },
  {
    method: 'PUT',
    url: '/api/alert-templates',
    allow: ['admin'],
    scope: 'own-network',
    request: () => ({ body: { key: 'update', language: 'en', body: 'UPDATE near {place}: {details}' } }),
  },
  {
    method: 'PUT',
    url: '/api/subscribers/exercise-recipient',
    allow: ['admin', 'coordinator'],
    scope: 'own-network',
    request: () => ({ body: { channel: 'sms', contact: '+13125550199', isExerciseRecipient: true } }),
  },

  // responders, dispatch and evidence (issue 5)
  { method: 'GET', url: '/api/responders', allow: incidentWorkers, scope: 'own-network' },
  {
    method: 'PUT',
    url: '/api/responders/:memberId/training',
    allow: ['coordinator'],
    request: (fixture) => ({
      params: { memberId: fixture.targetA.id },
      body: { trainings: [{ kind: 'legal_observer', completedOn: '2026-10-04' }] },
    }),
  },
  { method: 'GET', url: '/api/responders/me', allow: ['responder'], scope: 'own-network' },
  {
    method: 'PUT',
    url: '/api/responders/me/availability',
    allow: ['responder'],
    scope: 'own-network',
    request: () => ({ body: { isOnCall: false } }),
  },
  {
    method: 'PUT',
    url: '/api/responders/me/contact',
    allow: ['responder'],
    scope: 'own-network',
    request: () => ({ body: { smsPhone: null } }),
  },
  { method: 'GET', url: '/api/responders/me/push', allow: ['responder'], scope: 'own-network' },
  {
    method: 'PUT',
    url: '/api/responders/me/push',
    allow: ['responder'],
    scope: 'own-network',
    request: () => ({ body: { subscription: null } }),
  },
  {
    method: 'POST',
    url: '/api/responders/me/location',
    allow: ['responder'],
    scope: 'own-network',
    request: () => ({ body: { lat: 41.8564, lon: -87.6604 } }),
    note: 'off call the allowed answer is 409 RESPONDER_NOT_ON_CALL',
  },
  { method: 'DELETE', url: '/api/responders/me/location', allow: ['responder'], scope: 'own-network' },
  { method: 'GET', url: '/api/responders/me/offers', allow: ['responder'], scope: 'own-network' },
  {
    method: 'GET',
    url: '/api/incidents/:incidentId/suggestions',
    allow: incidentWorkers,
    request: async (fixture) => ({ params: { incidentId: await matrixIncident(fixture) } }),
  },
  {
    method: 'POST',
    url: '/api/incidents/:incidentId/offers',
    allow: incidentWorkers,
    request: async (fixture) => ({
      params: { incidentId: await matrixIncident(fixture) },
      body: { responderIds: [(await fixture.fresh.member()).id] },
    }),
  },
  {
    method: 'GET',
    url: '/api/incidents/:incidentId/offers',
    allow: incidentWorkers,
    request: async (fixture) => ({ params: { incidentId: await matrixIncident(fixture) } }),
  },
  {
    method: 'GET',
    url: '/api/offers/:offerId',
    allow: ['responder', ...incidentWorkers],
    request: async (fixture) => ({ params: { offerId: await matrixOffer(fixture, 'offered') } }),
    note: 'the responder it was sent to, or staff who see its incident',
  },
  ...(['accept', 'decline'] as const).map((answer) => ({
    method: 'POST' as const,
    url: `/api/offers/:offerId/${answer}`,
    allow: ['responder'] as const,
    request: async (fixture: MatrixFixture) => ({
      params: { offerId: await matrixOffer(fixture, 'offered') },
    }),
    note: 'only the responder the offer was sent to',
  })),
  {
    method: 'POST',
    url: '/api/offers/:offerId/status',
    allow: ['responder'],
    request: async (fixture) => ({
      params: { offerId: await matrixOffer(fixture, 'accepted') },
      body: { status: 'enRoute' },
    }),
  },
  {
    method: 'POST',
    url: '/api/offers/:offerId/outcome',
    allow: ['responder'],
    request: async (fixture) => ({
      params: { offerId: await matrixOffer(fixture, 'accepted') },
      body: { outcome: 'not_confirmed' },
    }),
  },
  {
    method: 'POST',
    url: '/api/offers/:offerId/evidence',
    allow: ['responder'],
    request: async (fixture) => ({ params: { offerId: await matrixOffer(fixture, 'accepted') }, body: {} }),
    note: 'multipart upload; the JSON body here gets 415 once the offer is authorised',
  },
  {
    method: 'POST',
    url: '/api/offers/:offerId/cancel',
    allow: incidentWorkers,
    request: async (fixture) => ({ params: { offerId: await matrixOffer(fixture, 'offered') } }),
  },
  {
    method: 'GET',
    url: '/api/incidents/:incidentId/evidence',
    allow: ['dispatcher', 'coordinator', 'advocate', 'admin'],
    request: async (fixture) => ({ params: { incidentId: await matrixIncident(fixture) } }),
  },
  {
    method: 'GET',
    url: '/api/evidence/:evidenceId/shared',
    allow: ['dispatcher', 'coordinator', 'advocate', 'admin'],
    request: async (fixture) => ({ params: { evidenceId: await matrixEvidence(fixture) } }),
  },
  {
    method: 'POST',
    url: '/api/incidents/:incidentId/evidence-export',
    allow: ['advocate', 'admin'],
    request: async (fixture) => ({ params: { incidentId: await matrixIncident(fixture) } }),
    note: 'also needs a fresh step-up (every matrix caller has one)',
  },

  // static assets
  { method: 'GET', url: '/assets/public.css', public: true, note: 'versioned stylesheet' },
];

/** An incident of network A made through the real intake, for a call that changes it. */
async function freshIncident(fixture: MatrixFixture, reports = 1) {
  const incident = await buildIncident(fixture.context, fixture.networkA.id, { reports });
  for (const id of [incident.id, incident.publicId, ...incident.reportIds]) fixture.idsOfNetworkA.add(id);
  return incident;
}

/** A report of network A whose reporter left a number and agreed to be texted (its own incident). */
async function reachableReport(fixture: MatrixFixture) {
  const report = await buildReachableReport(fixture.context, fixture.networkA.id);
  for (const id of [report.reportId, report.incidentId, report.incidentPublicId])
    fixture.idsOfNetworkA.add(id);
  return report;
}

/** An unused area of network A, for a call that changes or deletes it. */
async function freshArea(fixture: MatrixFixture) {
  const area = await buildArea(fixture.context, fixture.networkA.id);
  fixture.idsOfNetworkA.add(area.id);
  return area;
}

/** An exercise alert of network A in area A, drafted by its dispatcher (so its coordinator may approve). */
async function freshAlert(fixture: MatrixFixture, state: 'draft' | 'approved', isOverride = false) {
  const alert = await buildAlert(fixture.context, {
    networkId: fixture.networkA.id,
    draftedBy: fixture.holders.dispatcher.id,
    areaIds: [fixture.areaA.id],
    state,
    isOverride,
  });
  for (const id of [alert.id, alert.publicId, alert.incidentId]) fixture.idsOfNetworkA.add(id);
  return alert;
}
