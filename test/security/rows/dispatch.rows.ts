import { matrixEvidence, matrixExport, matrixIncident, matrixOffer } from '../../dispatch/matrix-objects.ts';
import { incidentWorkers } from './shared.ts';

/** Who registers a phone for offers or pages (issue 16): responders, dispatchers, coordinators. */
const pagedRoles = ['responder', 'dispatcher', 'coordinator'] as const;
import type { RouteRow } from '../route-matrix.ts';
import type { MatrixFixture } from '../matrix-fixture.ts';

/** Authorization matrix rows: responders, dispatch and evidence. See test/security/route-matrix.ts for the row format. */
export const dispatchRows: RouteRow[] = [
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
  { method: 'GET', url: '/api/responders/me', allow: pagedRoles, scope: 'own-network' },
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
    allow: pagedRoles,
    scope: 'own-network',
    request: () => ({ body: { smsPhone: null } }),
  },
  { method: 'GET', url: '/api/responders/me/push', allow: pagedRoles, scope: 'own-network' },
  {
    method: 'PUT',
    url: '/api/responders/me/push',
    allow: pagedRoles,
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
  // on call (issue 16)
  { method: 'POST', url: '/api/responders/me/test-page', allow: pagedRoles, scope: 'own-network' },
  {
    method: 'POST',
    url: '/api/responders/me/contact/verify',
    allow: pagedRoles,
    scope: 'own-network',
    request: () => ({ body: { code: '123456' } }),
    note: 'with no code waiting the allowed answer is 409 RESPONDER_CODE_EXPIRED',
  },
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
    url: '/api/evidence/limits',
    allow: ['responder'],
    scope: 'own-network',
    note: 'the configured upload limits, shown before a photo is sent',
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
    url: '/api/incidents/:incidentId/evidence-exports',
    allow: ['advocate', 'admin'],
    request: async (fixture) => ({ params: { incidentId: await matrixIncident(fixture) } }),
    note: 'also needs a fresh step-up (every matrix caller has one); creates a pending request only',
  },
  {
    method: 'GET',
    url: '/api/incidents/:incidentId/evidence-exports',
    allow: ['advocate', 'admin', 'coordinator'],
    request: async (fixture) => ({ params: { incidentId: await matrixIncident(fixture) } }),
  },
  {
    method: 'POST',
    url: '/api/evidence-exports/:exportId/approve',
    allow: ['advocate', 'admin', 'coordinator'],
    request: async (fixture, caller) => {
      // Requested by someone other than the caller: self-approval is refused (403) by design.
      const requester =
        caller.member?.id === fixture.holders.advocate.id ? fixture.holders.admin : fixture.holders.advocate;
      return { params: { exportId: await matrixExport(fixture, 'pending', requester.id) } };
    },
    note: 'second person of the two-person export; also needs a fresh step-up',
  },
  {
    method: 'POST',
    url: '/api/evidence-exports/:exportId/download',
    allow: ['advocate', 'admin'],
    request: async (fixture, caller) => {
      // Only the requester downloads: an approved export requested by the caller when they are
      // of network A, else by network A's advocate.
      const requesterId =
        caller.member && caller.member.networkId === fixture.networkA.id
          ? caller.member.id
          : fixture.holders.advocate.id;
      return { params: { exportId: await matrixExport(fixture, 'approved', requesterId) } };
    },
    note: 'approved export, downloaded once by its requester with a fresh step-up',
  },
  // issue 15 §2: a coordinator's legal hold on an incident's evidence (passkey step-up)
  {
    method: 'GET',
    url: '/api/incidents/:incidentId/legal-hold',
    allow: ['dispatcher', 'coordinator', 'advocate', 'admin'],
    request: async (fixture) => ({ params: { incidentId: await matrixIncident(fixture) } }),
  },
  {
    method: 'PUT',
    url: '/api/incidents/:incidentId/legal-hold',
    allow: ['coordinator'],
    request: async (fixture) => ({
      params: { incidentId: await matrixIncident(fixture) },
      body: { reason: 'counsel asked us to keep it' },
    }),
  },
  {
    method: 'DELETE',
    url: '/api/incidents/:incidentId/legal-hold',
    allow: ['coordinator'],
    request: async (fixture) => ({ params: { incidentId: await matrixIncident(fixture) } }),
  },
];
