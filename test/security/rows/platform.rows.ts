import type { RouteRow } from '../route-matrix.ts';

/** Authorization matrix rows: health, the web app shell, setup and static assets. See test/security/route-matrix.ts for the row format. */
export const platformRows: RouteRow[] = [
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

  // static assets
  { method: 'GET', url: '/assets/public.css', public: true, note: 'versioned stylesheet' },
  { method: 'GET', url: '/favicon.ico', public: true, note: 'site icon of the public pages' },
  { method: 'GET', url: '/app/languages', public: true, note: 'languages with complete catalogs, no data' },
];
