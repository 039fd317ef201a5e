import { freshFlaggedTip, freshIncident, reachableReport, incidentWorkers } from './shared.ts';
import type { RouteRow } from '../route-matrix.ts';

/** Authorization matrix rows: SMS hotline, reporter thread, flood mode, tips and rumor control. See test/security/route-matrix.ts for the row format. */
export const hotlineRows: RouteRow[] = [
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
    method: 'POST',
    url: '/api/flagged-reports/:id/release',
    allow: ['coordinator'],
    request: async (fixture) => ({ params: { id: await freshFlaggedTip(fixture) } }),
  },
  {
    method: 'DELETE',
    url: '/api/flagged-reports/:id',
    allow: ['coordinator'],
    request: async (fixture) => ({ params: { id: await freshFlaggedTip(fixture) } }),
  },
  {
    method: 'GET',
    url: '/s/:slug',
    public: true,
    note: 'rumor control: outcomes, ZIP and rounded times, no people or text',
  },
];
