import { freshIncident, incidentWorkers } from './shared.ts';
import type { RouteRow } from '../route-matrix.ts';

/** Authorization matrix rows: hotline intake and incidents. See test/security/route-matrix.ts for the row format. */
export const intakeRows: RouteRow[] = [
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
    method: 'GET',
    url: '/s/:slug/r/:token',
    public: true,
    note: "a reporter's own status link (report id + keyed hash): broad steps of that report only, nothing about its incident",
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

  // the network's gazetteer and street list (issue 25)
  {
    method: 'GET',
    url: '/api/gazetteer',
    allow: ['admin', 'coordinator', 'dispatcher'],
    scope: 'own-network',
  },
  {
    method: 'POST',
    url: '/api/gazetteer/places/preview',
    allow: ['admin'],
    scope: 'own-network',
    request: () => ({ body: { format: 'csv', text: 'name,lat,lon\nCourthouse,41.85,-87.69' } }),
  },
  {
    method: 'POST',
    url: '/api/gazetteer/places',
    allow: ['admin'],
    scope: 'own-network',
    request: () => ({ body: { format: 'csv', text: 'name,lat,lon\nCourthouse,41.85,-87.69' } }),
  },
  {
    method: 'POST',
    url: '/api/gazetteer/streets/preview',
    allow: ['admin'],
    scope: 'own-network',
    request: () => ({
      body: {
        format: 'csv',
        text: 'name,from_lat,from_lon,to_lat,to_lon\nW 18th St,41.8577,-87.672,41.8579,-87.656',
      },
    }),
  },
  // issue 15 §5: a coordinator withholds an incident from the public pages (passkey step-up)
  {
    method: 'POST',
    url: '/api/incidents/:incidentId/withhold',
    allow: ['coordinator'],
    request: async (fixture) => ({
      params: { incidentId: (await freshIncident(fixture)).id },
      body: { reason: 'a family lives there' },
    }),
  },
  {
    method: 'POST',
    url: '/api/gazetteer/streets',
    allow: ['admin'],
    scope: 'own-network',
    request: () => ({
      body: {
        format: 'csv',
        text: 'name,from_lat,from_lon,to_lat,to_lon\nW 18th St,41.8577,-87.672,41.8579,-87.656',
      },
    }),
  },
  {
    method: 'POST',
    url: '/api/gazetteer/locate',
    allow: ['admin', 'coordinator', 'dispatcher'],
    scope: 'own-network',
    request: () => ({ body: { text: '18th and Blue Island' } }),
  },
  {
    method: 'POST',
    url: '/api/incidents/:incidentId/publish',
    allow: ['coordinator'],
    request: async (fixture) => ({ params: { incidentId: (await freshIncident(fixture)).id } }),
  },
  {
    method: 'POST',
    url: '/api/incidents/:incidentId/location',
    allow: incidentWorkers,
    request: async (fixture) => ({
      params: { incidentId: (await freshIncident(fixture)).id },
      body: { lat: 41.8578, lon: -87.669 },
    }),
  },
];
