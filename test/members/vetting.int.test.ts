import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DomainEvent } from '../../server/platform/realtime/events.ts';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildMember, buildNetwork, signIn } from '../support/factories.ts';
import type { MemberOptions } from '../support/factories.ts';
import type { ErrorBody } from './responses.ts';

describeEachDatabase('vetting by two coordinators', (dialect) => {
  let testApp: TestApp;
  const events: DomainEvent[] = [];
  beforeAll(async () => {
    testApp = await createTestApp(dialect);
    testApp.context.events.subscribe((event) => events.push(event));
  });
  afterAll(() => testApp.close());

  async function member(networkId: string, options: Omit<MemberOptions, 'networkId'>) {
    const built = await buildMember(testApp.context, { networkId, ...options });
    return { ...built, session: await signIn(testApp.context, built) };
  }

  async function vet(session: { headers: Record<string, string> } | null, memberId: string) {
    return testApp.app.inject({
      method: 'POST',
      url: `/api/members/${memberId}/vettings`,
      headers: session?.headers ?? {},
    });
  }

  async function statusOf(memberId: string) {
    const row = await testApp.database.db
      .selectFrom('members')
      .select(['status', 'vetted_at'])
      .where('id', '=', memberId)
      .executeTakeFirstOrThrow();
    return row;
  }

  it('activates a probationary member after two different coordinators, not one coordinator twice', async () => {
    const network = await buildNetwork(testApp.context);
    const first = await member(network.id, { roles: [{ role: 'coordinator' }], withTotp: true });
    const second = await member(network.id, { roles: [{ role: 'coordinator' }], withTotp: true });
    const newcomer = await member(network.id, { roles: [{ role: 'dispatcher' }], status: 'probationary' });

    // Probationary: the dispatcher role does not work yet.
    const before = await testApp.app.inject({
      method: 'GET',
      url: '/api/members',
      headers: newcomer.session.headers,
    });
    expect(before.statusCode).toBe(403);

    const once = await vet(first.session, newcomer.id);
    expect(once.statusCode).toBe(200);
    expect(once.json()).toEqual({ memberId: newcomer.id, status: 'probationary', vettingCount: 1 });
    const twice = await vet(first.session, newcomer.id);
    expect(twice.json()).toEqual({ memberId: newcomer.id, status: 'probationary', vettingCount: 1 });
    expect((await statusOf(newcomer.id)).status).toBe('probationary');

    const eventsBefore = events.length;
    const final = await vet(second.session, newcomer.id);
    expect(final.json()).toEqual({ memberId: newcomer.id, status: 'active', vettingCount: 2 });
    expect(await statusOf(newcomer.id)).toEqual({ status: 'active', vetted_at: testApp.clock.now() });
    expect(events.slice(eventsBefore)).toEqual([
      expect.objectContaining({
        type: 'member.vetted',
        networkId: network.id,
        rooms: [`role:${network.id}:coordinator`, `member:${newcomer.id}`],
        data: { memberId: newcomer.id, vettingCount: 2, status: 'active' },
      }),
    ]);

    // The very next request of the same session sees the role.
    const after = await testApp.app.inject({
      method: 'GET',
      url: '/api/members',
      headers: newcomer.session.headers,
    });
    expect(after.statusCode).toBe(200);

    const audit = await testApp.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_member_id', 'object_id'])
      .where('chain', '=', network.id)
      .where('action', '=', 'member.vetted')
      .orderBy('seq')
      .execute();
    expect(audit).toEqual([
      { action: 'member.vetted', actor_member_id: first.id, object_id: newcomer.id },
      { action: 'member.vetted', actor_member_id: second.id, object_id: newcomer.id },
    ]);
  });

  it('refuses self-vetting, other roles, probationary or unenrolled coordinators, signed-out calls', async () => {
    const network = await buildNetwork(testApp.context);
    const target = await member(network.id, { roles: [{ role: 'responder' }], status: 'probationary' });
    const cases: [{ headers: Record<string, string> } | null, number, string][] = [
      [(await member(network.id, { roles: [{ role: 'admin' }], withTotp: true })).session, 403, 'FORBIDDEN'],
      [
        (await member(network.id, { roles: [{ role: 'dispatcher' }], withTotp: true })).session,
        403,
        'FORBIDDEN',
      ],
      [
        (
          await member(network.id, {
            roles: [{ role: 'coordinator' }],
            status: 'probationary',
            withTotp: true,
          })
        ).session,
        403,
        'FORBIDDEN',
      ],
      [
        (await member(network.id, { roles: [{ role: 'coordinator' }], withTotp: false })).session,
        403,
        'SECOND_FACTOR_REQUIRED',
      ],
      [null, 401, 'UNAUTHENTICATED'],
    ];
    for (const [session, status, code] of cases) {
      const response = await vet(session, target.id);
      expect([response.statusCode, response.json<ErrorBody>().error.code]).toEqual([status, code]);
    }
    const coordinator = await member(network.id, {
      roles: [{ role: 'coordinator' }],
      withTotp: true,
      status: 'active',
    });
    const self = await vet(coordinator.session, coordinator.id);
    expect([self.statusCode, self.json<ErrorBody>().error.code]).toEqual([403, 'CANNOT_VET_SELF']);
    const rows = await testApp.database.db
      .selectFrom('member_vettings')
      .selectAll()
      .where('network_id', '=', network.id)
      .execute();
    expect(rows).toEqual([]);
  });

  it("never reaches another network's members", async () => {
    const home = await buildNetwork(testApp.context);
    const elsewhere = await buildNetwork(testApp.context);
    const target = await member(home.id, { roles: [{ role: 'responder' }], status: 'probationary' });
    const outsiders = [
      await member(elsewhere.id, { roles: [{ role: 'coordinator' }], withTotp: true }),
      await member(elsewhere.id, { roles: [{ role: 'coordinator' }], withTotp: true }),
    ];
    for (const outsider of outsiders) {
      const response = await vet(outsider.session, target.id);
      expect([response.statusCode, response.json<ErrorBody>().error.code]).toEqual([404, 'MEMBER_NOT_FOUND']);
    }
    expect((await statusOf(target.id)).status).toBe('probationary');
  });

  it('counts concurrent vettings by two coordinators correctly', async () => {
    const network = await buildNetwork(testApp.context);
    const coordinators = [
      await member(network.id, { roles: [{ role: 'coordinator' }], withTotp: true }),
      await member(network.id, { roles: [{ role: 'coordinator' }], withTotp: true }),
    ];
    const target = await member(network.id, { roles: [{ role: 'responder' }], status: 'probationary' });
    const results = await Promise.all(coordinators.map((coordinator) => vet(coordinator.session, target.id)));
    expect(results.map((response) => response.statusCode)).toEqual([200, 200]);
    expect((await statusOf(target.id)).status).toBe('active');
  });
});
