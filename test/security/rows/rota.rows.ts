import { newId } from '../../../server/platform/ids/ids.ts';
import { buildIncident } from '../../intake/incident-factory.ts';
import type { Caller, MatrixFixture } from '../matrix-fixture.ts';
import type { RouteRow } from '../route-matrix.ts';

/** A weekly turn (or time off) of network A's dispatcher, new for each call that removes it. */
async function freshEntry(fixture: MatrixFixture, table: 'rota_shifts' | 'rota_exceptions'): Promise<string> {
  const { db } = fixture.context.database;
  const id = newId();
  const now = fixture.context.clock.now();
  const common = {
    id,
    network_id: fixture.networkA.id,
    member_id: fixture.holders.dispatcher.id,
    role: 'dispatcher' as const,
    area_id: null,
    created_by: fixture.holders.coordinator.id,
    created_at: now,
  };
  if (table === 'rota_shifts') {
    await db
      .insertInto('rota_shifts')
      .values({ ...common, weekday: 1, start_minute: 540, end_minute: 1020 })
      .execute();
  } else {
    await db
      .insertInto('rota_exceptions')
      .values({ ...common, kind: 'off', starts_at: now, ends_at: now + 3_600_000, swap_id: null })
      .execute();
  }
  fixture.idsOfNetworkA.add(id);
  return id;
}

/** A page to the caller about a new incident of network A (a page is answered only by its member). */
async function freshPage(fixture: MatrixFixture, caller: Caller): Promise<string> {
  const incident = await buildIncident(fixture.context, fixture.networkA.id, {
    location: { lat: 41.8564, lon: -87.6604 },
  });
  for (const id of [incident.id, incident.publicId, ...incident.reportIds]) fixture.idsOfNetworkA.add(id);
  const id = newId();
  const memberId = caller.member?.id ?? fixture.holders.dispatcher.id;
  // Reports near each other join one incident: one page per member and round, so replace it.
  await fixture.context.database.db
    .deleteFrom('incident_pages')
    .where('incident_id', '=', incident.id)
    .where('member_id', '=', memberId)
    .execute();
  await fixture.context.database.db
    .insertInto('incident_pages')
    .values({
      id,
      network_id: fixture.networkA.id,
      incident_id: incident.id,
      member_id: memberId,
      round: 'new',
      channels: 'sms',
      ack_code: 'K7H3',
      sent_at: fixture.context.clock.now(),
      acknowledged_at: null,
      acknowledged_via: null,
    })
    .execute();
  fixture.idsOfNetworkA.add(id);
  return id;
}

/** The caller's own turn: a dispatcher edits their own, a coordinator anyone's (400 for a non-dispatcher). */
const ownTurn = (caller: Caller) => ({
  memberId: caller.member?.id ?? '00000000-0000-7000-8000-000000000000',
  role: 'dispatcher',
});

/** Authorization matrix rows: the on-duty rota and paging (issue 16). See test/security/route-matrix.ts. */
export const rotaRows: RouteRow[] = [
  {
    method: 'GET',
    url: '/api/rota',
    allow: ['coordinator', 'dispatcher', 'responder'],
    scope: 'own-network',
  },
  {
    method: 'POST',
    url: '/api/rota/shifts',
    allow: ['coordinator', 'dispatcher'],
    scope: 'own-network',
    request: (_fixture, caller) => ({
      body: { ...ownTurn(caller), weekday: 2, start: '08:00', end: '12:00' },
    }),
    note: "a coordinator's own turn as dispatcher is refused 400 ROTA_ROLE_NOT_HELD (past authorization)",
  },
  {
    method: 'DELETE',
    url: '/api/rota/shifts/:entryId',
    allow: ['coordinator', 'dispatcher'],
    request: async (fixture) => ({ params: { entryId: await freshEntry(fixture, 'rota_shifts') } }),
  },
  {
    method: 'POST',
    url: '/api/rota/exceptions',
    allow: ['coordinator', 'dispatcher'],
    scope: 'own-network',
    request: (fixture, caller) => {
      const now = fixture.context.clock.now();
      return { body: { ...ownTurn(caller), kind: 'off', startsAt: now, endsAt: now + 3_600_000 } };
    },
    note: "a coordinator's own time off as dispatcher is refused 400 ROTA_ROLE_NOT_HELD (past authorization)",
  },
  {
    method: 'DELETE',
    url: '/api/rota/exceptions/:entryId',
    allow: ['coordinator', 'dispatcher'],
    request: async (fixture) => ({ params: { entryId: await freshEntry(fixture, 'rota_exceptions') } }),
  },
  {
    method: 'POST',
    url: '/api/pages/:pageId/ack',
    allow: ['coordinator', 'dispatcher'],
    request: async (fixture, caller) => ({ params: { pageId: await freshPage(fixture, caller) } }),
    note: "each caller answers a page of their own; another's page is 404 PAGE_NOT_FOUND",
  },
];
