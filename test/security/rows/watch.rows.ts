import { buildWatchShift, buildWatchSignup, buildWatchSite } from '../../watch/watch-factory.ts';
import type { Caller, MatrixFixture } from '../matrix-fixture.ts';
import type { RouteRow } from '../route-matrix.ts';

const volunteers = ['coordinator', 'dispatcher', 'responder', 'advocate'] as const;

/** A site of network A (in area A) with a weekly shift, new for each call that changes it. */
async function freshShift(fixture: MatrixFixture) {
  const site = await buildWatchSite(fixture.context, {
    networkId: fixture.networkA.id,
    areaId: fixture.areaA.id,
    createdBy: fixture.holders.coordinator.id,
  });
  const shift = await buildWatchShift(fixture.context, {
    site,
    createdBy: fixture.holders.coordinator.id,
  });
  fixture.idsOfNetworkA.add(site.id);
  fixture.idsOfNetworkA.add(shift.id);
  return { site, shift };
}

/** The caller's own sign-up for a fresh occurrence (signed out: the dispatcher's). */
async function freshSignup(fixture: MatrixFixture, caller: Caller): Promise<string> {
  const { shift } = await freshShift(fixture);
  const signup = await buildWatchSignup(fixture.context, {
    shift,
    memberId: caller.member?.id ?? fixture.holders.dispatcher.id,
  });
  fixture.idsOfNetworkA.add(signup.id);
  return signup.id;
}

const siteBody = (fixture: MatrixFixture) => ({
  areaId: fixture.areaA.id,
  kind: 'courthouse',
  name: 'Immigration Court',
  address: '525 W Van Buren St',
});

/** Authorization matrix rows: court and check-in watch (issue 19). See test/security/route-matrix.ts. */
export const watchRows: RouteRow[] = [
  { method: 'GET', url: '/api/watch/sites', allow: volunteers, scope: 'own-network' },
  {
    method: 'POST',
    url: '/api/watch/sites',
    allow: ['coordinator'],
    scope: 'object',
    request: (fixture) => ({ body: siteBody(fixture) }),
    note: "names area A: another network's coordinator gets 404 AREA_NOT_FOUND",
  },
  {
    method: 'PUT',
    url: '/api/watch/sites/:siteId',
    allow: ['coordinator'],
    request: async (fixture) => ({
      params: { siteId: (await freshShift(fixture)).site.id },
      body: siteBody(fixture),
    }),
  },
  {
    method: 'POST',
    url: '/api/watch/shifts',
    allow: ['coordinator'],
    scope: 'object',
    request: async (fixture) => ({
      body: {
        siteId: (await freshShift(fixture)).site.id,
        startsOn: '2026-01-05',
        start: '08:00',
        durationMinutes: 240,
        recurrenceRule: 'FREQ=WEEKLY;BYDAY=MO',
        minVolunteers: 2,
        targetVolunteers: 3,
        roles: ['observer'],
      },
    }),
  },
  {
    method: 'POST',
    url: '/api/watch/shifts/:shiftId/skipped-dates',
    allow: ['coordinator'],
    request: async (fixture) => ({
      params: { shiftId: (await freshShift(fixture)).shift.id },
      body: { date: '2030-01-07' },
    }),
  },
  { method: 'GET', url: '/api/watch/schedule', allow: volunteers, scope: 'own-network' },
  { method: 'GET', url: '/api/watch/coverage', allow: ['coordinator'], scope: 'own-network' },
  {
    method: 'POST',
    url: '/api/watch/signups',
    allow: volunteers,
    scope: 'object',
    request: async (fixture) => {
      const { shift } = await freshShift(fixture);
      return { body: { shiftId: shift.id, startsAt: shift.nextStartsAt, role: 'observer' } };
    },
  },
  {
    method: 'DELETE',
    url: '/api/watch/signups/:signupId',
    allow: volunteers,
    request: async (fixture, caller) => ({ params: { signupId: await freshSignup(fixture, caller) } }),
    note: "each caller cancels their own sign-up; another volunteer's is 404",
  },
  ...(['check-in', 'check-out'] as const).map((kind): RouteRow => ({
    method: 'POST',
    url: `/api/watch/signups/:signupId/${kind}`,
    allow: volunteers,
    request: async (fixture, caller) => ({ params: { signupId: await freshSignup(fixture, caller) } }),
    note: 'own sign-up; outside the shift it is 409 WATCH_CHECK_IN_CLOSED (past authorization)',
  })),
  { method: 'GET', url: '/api/watch/calendar-feed', allow: volunteers, scope: 'own-network' },
  { method: 'POST', url: '/api/watch/calendar-feed', allow: volunteers, scope: 'own-network' },
  { method: 'DELETE', url: '/api/watch/calendar-feed', allow: volunteers, scope: 'own-network' },
  {
    method: 'GET',
    url: '/watch/calendar/:token',
    public: true,
    note: 'a private capability URL (256-bit token, hashed at rest) a calendar app fetches without a session',
  },
  {
    method: 'GET',
    url: '/api/watch/signups/:signupId/event.ics',
    allow: volunteers,
    request: async (fixture, caller) => ({ params: { signupId: await freshSignup(fixture, caller) } }),
    note: "each caller downloads their own shift; another volunteer's is 404",
  },
];
