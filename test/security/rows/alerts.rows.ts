import {
  freshIncident,
  freshAlert,
  freshRetraction,
  freshTemplateProposal,
  alertReaders,
  alertDrafters,
} from './shared.ts';
import type { RouteRow } from '../route-matrix.ts';

/** Authorization matrix rows: subscriptions and verified alerts. See test/security/route-matrix.ts for the row format. */
export const alertsRows: RouteRow[] = [
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
    request: () => ({ body: { isStopped: false, reason: 'Matrix check' } }),
  },
  {
    method: 'POST',
    url: '/api/alerts/area-switches',
    allow: ['admin', 'coordinator'],
    // The body names network A's area: another network's member must not reach it.
    scope: 'object',
    request: (fixture) => ({ body: { areaId: fixture.areaA.id, isStopped: false, reason: 'Matrix check' } }),
  },
  {
    method: 'GET',
    url: '/api/alerts/:alertId',
    allow: alertReaders,
    request: async (fixture) => ({ params: { alertId: (await freshAlert(fixture, 'approved')).id } }),
  },
  {
    method: 'GET',
    url: '/api/alerts/:alertId/delivery-status',
    allow: alertReaders,
    request: async (fixture) => ({ params: { alertId: (await freshAlert(fixture, 'approved')).id } }),
  },
  {
    method: 'GET',
    url: '/api/alerts/:alertId/deliveries.csv',
    allow: alertReaders,
    request: async (fixture) => ({ params: { alertId: (await freshAlert(fixture, 'approved')).id } }),
  },
  {
    method: 'GET',
    url: '/api/alerts/:alertId/thread',
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
    url: '/api/alerts/:alertId/render',
    allow: alertDrafters,
    request: async (fixture) => ({ params: { alertId: (await freshAlert(fixture, 'draft')).id }, body: {} }),
  },
  {
    method: 'POST',
    url: '/api/alerts/:alertId/approve',
    allow: ['coordinator'],
    request: async (fixture) => {
      const alert = await freshAlert(fixture, 'draft');
      return { params: { alertId: alert.id }, body: { contentHash: alert.contentHash } };
    },
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
    allow: alertDrafters,
    request: async (fixture) => ({
      params: { alertId: (await freshAlert(fixture, 'approved')).id },
      body: {},
    }),
  },
  {
    method: 'POST',
    url: '/api/alerts/:alertId/retract',
    allow: ['coordinator'],
    request: async (fixture) => ({
      params: { alertId: (await freshAlert(fixture, 'approved')).id },
      body: {},
    }),
  },
  {
    method: 'POST',
    url: '/api/alerts/:alertId/review-retraction',
    allow: ['coordinator'],
    request: async (fixture) => ({ params: { alertId: (await freshRetraction(fixture)).id }, body: {} }),
  },
  { method: 'GET', url: '/api/alert-templates', allow: alertReaders, scope: 'own-network' },
  { method: 'GET', url: '/api/alert-templates/proposals', allow: alertReaders, scope: 'own-network' },
  {
    method: 'POST',
    url: '/api/alert-templates/proposals',
    allow: ['admin', 'coordinator'],
    scope: 'own-network',
    request: () => ({ body: { key: 'update', texts: { en: 'UPDATE near {place}: {details}' } } }),
  },
  {
    method: 'GET',
    url: '/api/alert-templates/proposals/:proposalId',
    allow: alertReaders,
    request: async (fixture) => ({ params: { proposalId: (await freshTemplateProposal(fixture)).id } }),
  },
  {
    method: 'POST',
    url: '/api/alert-templates/proposals/:proposalId/approve',
    allow: ['coordinator'],
    request: async (fixture) => ({
      params: { proposalId: (await freshTemplateProposal(fixture)).id },
      body: {},
    }),
  },
  {
    method: 'POST',
    url: '/api/alert-templates/proposals/:proposalId/reject',
    allow: ['admin', 'coordinator'],
    request: async (fixture) => ({
      params: { proposalId: (await freshTemplateProposal(fixture)).id },
      body: {},
    }),
  },
  {
    method: 'POST',
    url: '/api/alert-templates/preview',
    allow: ['admin', 'coordinator'],
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
];
