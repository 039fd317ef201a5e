import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DomainEvent } from '../../server/platform/realtime/events.ts';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildArea, buildMember, buildNetwork, signIn } from '../support/factories.ts';
import type { MemberOptions } from '../support/factories.ts';
import type { ErrorBody } from './responses.ts';

const minuteMs = 60 * 1000;

describeEachDatabase('members API', (dialect) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp(dialect);
  });
  afterAll(() => testApp.close());

  async function member(networkId: string, options: Omit<MemberOptions, 'networkId'>, stepUp = false) {
    const built = await buildMember(testApp.context, { networkId, ...options });
    return { ...built, session: await signIn(testApp.context, built, { secondFactorProved: stepUp }) };
  }

  function call(
    method: 'GET' | 'PUT' | 'DELETE' | 'POST',
    url: string,
    who: { session: { headers: Record<string, string> } } | null,
    payload?: object,
  ) {
    return testApp.app.inject({
      method,
      url,
      headers: who?.session.headers ?? {},
      ...(payload ? { payload } : {}),
    });
  }

  const outcome = (response: { statusCode: number; json<T>(): T }) => [
    response.statusCode,
    response.json<Partial<ErrorBody>>().error?.code,
  ];

  it('lists everyone for admins and coordinators, only responders (no contacts) for dispatchers', async () => {
    const network = await buildNetwork(testApp.context);
    const area = await buildArea(testApp.context, network.id);
    const otherArea = await buildArea(testApp.context, network.id);
    const admin = await member(network.id, { roles: [{ role: 'admin' }], withTotp: true });
    const coordinator = await member(network.id, { roles: [{ role: 'coordinator' }], withTotp: true });
    const dispatcher = await member(network.id, { roles: [{ role: 'dispatcher', areaId: area.id }] });
    const nearResponder = await member(network.id, {
      roles: [{ role: 'responder', areaId: area.id }, { role: 'advocate' }],
    });
    const anywhereResponder = await member(network.id, { roles: [{ role: 'responder' }] });
    const farResponder = await member(network.id, { roles: [{ role: 'responder', areaId: otherArea.id }] });
    const probationaryResponder = await member(network.id, {
      roles: [{ role: 'responder' }],
      status: 'probationary',
    });
    const viewer = await member(network.id, { roles: [{ role: 'viewer' }] });

    for (const manager of [admin, coordinator]) {
      const response = await call('GET', '/api/members', manager);
      expect(response.statusCode).toBe(200);
      const body = response.json<{
        view: string;
        members: { id: string; displayName: string; status: string; vettingCount: number }[];
      }>();
      expect(body.view).toBe('full');
      expect(body.members).toHaveLength(8);
      expect(body.members.find((entry) => entry.id === probationaryResponder.id)).toMatchObject({
        displayName: probationaryResponder.displayName,
        status: 'probationary',
        vettingCount: 0,
      });
      expect(response.body).not.toContain('@example.test');
    }

    const asDispatcher = await call('GET', '/api/members', dispatcher);
    expect(asDispatcher.statusCode).toBe(200);
    expect(asDispatcher.json()).toEqual({
      view: 'responders',
      members: [
        {
          id: nearResponder.id,
          displayName: nearResponder.displayName,
          roles: [{ role: 'responder', areaId: area.id }],
        },
        {
          id: anywhereResponder.id,
          displayName: anywhereResponder.displayName,
          roles: [{ role: 'responder', areaId: null }],
        },
      ],
    });
    expect(asDispatcher.body).not.toContain('@');
    expect(asDispatcher.body).not.toContain(farResponder.id);

    expect(outcome(await call('GET', '/api/members', viewer))).toEqual([403, 'FORBIDDEN']);
    expect(outcome(await call('GET', '/api/members', nearResponder))).toEqual([403, 'FORBIDDEN']);
    expect(outcome(await call('GET', '/api/members', null))).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('shows contact details to managers only, audits the read, and hides other networks', async () => {
    const network = await buildNetwork(testApp.context);
    const admin = await member(network.id, { roles: [{ role: 'admin' }], withTotp: true });
    const target = await member(network.id, { roles: [{ role: 'responder' }], email: 'Lucia@Example.test' });
    const response = await call('GET', `/api/members/${target.id}`, admin);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      id: target.id,
      email: 'Lucia@Example.test',
      displayName: target.displayName,
      roles: [{ role: 'responder', areaId: null }],
      vettings: [],
    });
    const audit = await testApp.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_member_id', 'object_id', 'metadata'])
      .where('chain', '=', network.id)
      // The factory's network starts with its own network.created entry.
      .where('action', '!=', 'network.created')
      .execute();
    expect(audit).toEqual([
      {
        action: 'member.contactRead',
        actor_member_id: admin.id,
        object_id: target.id,
        metadata: '{"field":"contact"}',
      },
    ]);

    const unenrolledCoordinator = await member(network.id, {
      roles: [{ role: 'coordinator' }],
      withTotp: false,
    });
    expect(outcome(await call('GET', `/api/members/${target.id}`, unenrolledCoordinator))).toEqual([
      403,
      'SECOND_FACTOR_REQUIRED',
    ]);
    expect(
      outcome(
        await call(
          'GET',
          `/api/members/${target.id}`,
          await member(network.id, { roles: [{ role: 'dispatcher' }] }),
        ),
      ),
    ).toEqual([403, 'FORBIDDEN']);
    const outsider = await member((await buildNetwork(testApp.context)).id, {
      roles: [{ role: 'admin' }],
      withTotp: true,
    });
    expect(outcome(await call('GET', `/api/members/${target.id}`, outsider))).toEqual([
      404,
      'MEMBER_NOT_FOUND',
    ]);
    expect(outcome(await call('GET', '/api/members/not-a-uuid', admin))).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('changes roles only with a fresh step-up, audits each grant and revocation, effective next request', async () => {
    const network = await buildNetwork(testApp.context);
    const area = await buildArea(testApp.context, network.id);
    const admin = await member(network.id, { roles: [{ role: 'admin' }], withTotp: true }, true);
    const target = await member(network.id, { roles: [{ role: 'dispatcher' }, { role: 'viewer' }] });
    const url = `/api/members/${target.id}/roles`;
    const roles = { roles: [{ role: 'viewer' }, { role: 'responder', areaId: area.id }] };

    const withoutStepUp = await member(network.id, { roles: [{ role: 'admin' }], withTotp: true });
    expect(outcome(await call('PUT', url, withoutStepUp, roles))).toEqual([403, 'STEP_UP_REQUIRED']);
    const coordinator = await member(network.id, { roles: [{ role: 'coordinator' }], withTotp: true }, true);
    expect(outcome(await call('PUT', url, coordinator, roles))).toEqual([403, 'FORBIDDEN']);

    expect((await call('GET', '/api/members', target)).statusCode).toBe(200);
    const changed = await call('PUT', url, admin, roles);
    expect(changed.statusCode).toBe(200);
    expect(changed.json<{ roles: unknown[] }>().roles).toEqual([
      { role: 'viewer', areaId: null },
      { role: 'responder', areaId: area.id },
    ]);
    // The dispatcher grant is gone on the target's very next request.
    expect(outcome(await call('GET', '/api/members', target))).toEqual([403, 'FORBIDDEN']);
    const audit = await testApp.database.db
      .selectFrom('audit_log')
      .select(['action', 'metadata'])
      .where('chain', '=', network.id)
      // The factory's network starts with its own network.created entry.
      .where('action', '!=', 'network.created')
      .orderBy('seq')
      .execute();
    expect(audit).toEqual([
      { action: 'member.roleRevoked', metadata: JSON.stringify({ role: 'dispatcher', areaId: null }) },
      { action: 'member.roleGranted', metadata: JSON.stringify({ role: 'responder', areaId: area.id }) },
    ]);

    const foreignArea = await buildArea(testApp.context, (await buildNetwork(testApp.context)).id);
    expect(
      outcome(await call('PUT', url, admin, { roles: [{ role: 'responder', areaId: foreignArea.id }] })),
    ).toEqual([400, 'VALIDATION_FAILED']);

    // Step-up lasts five minutes.
    testApp.clock.advance(5 * minuteMs + 1);
    const stale = await signIn(testApp.context, admin);
    expect(outcome(await call('PUT', url, { session: stale }, roles))).toEqual([403, 'STEP_UP_REQUIRED']);
  });

  it('never leaves a network without an admin', async () => {
    const network = await buildNetwork(testApp.context);
    const admin = await member(network.id, { roles: [{ role: 'admin' }], withTotp: true }, true);
    await member(network.id, { roles: [{ role: 'admin' }], status: 'probationary', withTotp: true });
    const demoteSelf = await call('PUT', `/api/members/${admin.id}/roles`, admin, {
      roles: [{ role: 'coordinator' }],
    });
    expect(outcome(demoteSelf)).toEqual([409, 'LAST_ADMIN']);
    expect(outcome(await call('DELETE', `/api/members/${admin.id}`, admin))).toEqual([409, 'LAST_ADMIN']);

    const second = await member(network.id, { roles: [{ role: 'admin' }], withTotp: true }, true);
    expect(
      (await call('PUT', `/api/members/${admin.id}/roles`, admin, { roles: [{ role: 'coordinator' }] }))
        .statusCode,
    ).toBe(200);
    expect(outcome(await call('DELETE', `/api/members/${second.id}`, second))).toEqual([409, 'LAST_ADMIN']);
  });

  it('keeps one admin when two admins demote each other at the same moment', async () => {
    const network = await buildNetwork(testApp.context);
    const first = await member(network.id, { roles: [{ role: 'admin' }], withTotp: true }, true);
    const second = await member(network.id, { roles: [{ role: 'admin' }], withTotp: true }, true);
    const results = await Promise.all([
      call('PUT', `/api/members/${second.id}/roles`, first, { roles: [{ role: 'viewer' }] }),
      call('PUT', `/api/members/${first.id}/roles`, second, { roles: [{ role: 'viewer' }] }),
    ]);
    const statuses = results.map((response) => response.statusCode).sort();
    // Either the second request sees the first's demotion (LAST_ADMIN), or its author is no longer an admin.
    expect(statuses[0]).toBe(200);
    expect([403, 409]).toContain(statuses[1]);
    const admins = await testApp.database.db
      .selectFrom('member_roles')
      .select('member_id')
      .where('network_id', '=', network.id)
      .where('role', '=', 'admin')
      .execute();
    expect(admins).toHaveLength(1);
  });

  it('removes a member: every session ends on the next request; other networks and roles cannot', async () => {
    const network = await buildNetwork(testApp.context);
    const admin = await member(network.id, { roles: [{ role: 'admin' }], withTotp: true }, true);
    const target = await member(network.id, { roles: [{ role: 'coordinator' }], withTotp: true });
    const secondSession = await signIn(testApp.context, target);
    const outsider = await member(
      (await buildNetwork(testApp.context)).id,
      { roles: [{ role: 'admin' }], withTotp: true },
      true,
    );
    const coordinator = await member(network.id, { roles: [{ role: 'coordinator' }], withTotp: true }, true);

    expect(outcome(await call('DELETE', `/api/members/${target.id}`, outsider))).toEqual([
      404,
      'MEMBER_NOT_FOUND',
    ]);
    expect(outcome(await call('DELETE', `/api/members/${target.id}`, coordinator))).toEqual([
      403,
      'FORBIDDEN',
    ]);
    expect(outcome(await call('DELETE', `/api/members/${target.id}`, null))).toEqual([
      401,
      'UNAUTHENTICATED',
    ]);
    expect((await call('GET', '/api/members', target)).statusCode).toBe(200);

    const events: DomainEvent[] = [];
    const unsubscribe = testApp.context.events.subscribe((event) => events.push(event));
    const removed = await call('DELETE', `/api/members/${target.id}`, admin);
    unsubscribe();
    expect(removed.json()).toEqual({ id: target.id, status: 'removed' });
    // Open realtime streams of the member close on this event.
    expect(events).toContainEqual(
      expect.objectContaining({
        type: 'session.revoked',
        rooms: [`member:${target.id}`],
        data: { memberId: target.id },
      }),
    );
    expect(outcome(await call('GET', '/api/members', target))).toEqual([401, 'UNAUTHENTICATED']);
    expect(outcome(await call('GET', '/api/members', { session: secondSession }))).toEqual([
      401,
      'UNAUTHENTICATED',
    ]);
    const sessions = await testApp.database.db
      .selectFrom('sessions')
      .select('revoked_at')
      .where('member_id', '=', target.id)
      .execute();
    expect(sessions.map((session) => session.revoked_at)).toEqual([testApp.clock.now(), testApp.clock.now()]);
    const list = await call('GET', '/api/members', admin);
    expect(list.body).not.toContain(target.id);
    expect(outcome(await call('DELETE', `/api/members/${target.id}`, admin))).toEqual([
      409,
      'MEMBER_REMOVED',
    ]);
  });

  it('sets exercise recipients (coordinators and admins only, same network)', async () => {
    const network = await buildNetwork(testApp.context);
    const coordinator = await member(network.id, { roles: [{ role: 'coordinator' }], withTotp: true });
    const target = await member(network.id, { roles: [{ role: 'responder' }] });
    const url = `/api/members/${target.id}/exercise-recipient`;
    const response = await call('POST', url, coordinator, { isExerciseRecipient: true });
    expect(response.json()).toEqual({ id: target.id, isExerciseRecipient: true });
    const row = await testApp.database.db
      .selectFrom('members')
      .select('is_exercise_recipient')
      .where('id', '=', target.id)
      .executeTakeFirstOrThrow();
    expect(row.is_exercise_recipient).toBe(1);
    expect(outcome(await call('POST', url, target, { isExerciseRecipient: false }))).toEqual([
      403,
      'FORBIDDEN',
    ]);
    expect(outcome(await call('POST', url, coordinator, { isExerciseRecipient: 'yes' }))).toEqual([
      400,
      'VALIDATION_FAILED',
    ]);
    const outsider = await member((await buildNetwork(testApp.context)).id, {
      roles: [{ role: 'coordinator' }],
      withTotp: true,
    });
    expect(outcome(await call('POST', url, outsider, { isExerciseRecipient: false }))).toEqual([
      404,
      'MEMBER_NOT_FOUND',
    ]);
  });
});
