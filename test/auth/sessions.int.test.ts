import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DomainEvent } from '../../server/platform/realtime/events.ts';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildNetwork, defaultTestPassword } from '../support/factories.ts';
import {
  buildMemberWithPassword,
  errorCodeOf,
  newClient,
  send,
  signedInClient,
  signInWithPassword,
} from './auth-support.ts';
import type { Client } from './auth-support.ts';

const minuteMs = 60 * 1000;
const hourMs = 60 * minuteMs;

describeEachDatabase('sessions', (dialect) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp(dialect);
  });
  afterAll(() => testApp.close());

  const outcome = (response: Awaited<ReturnType<typeof send>>) => [
    response.statusCode,
    errorCodeOf(response),
  ];
  const isAlive = async (client: Client) =>
    (await send(testApp, client, 'GET', '/api/auth/session')).statusCode === 200;

  it('describes the signed-in member, and answers 401 when signed out', async () => {
    const member = await buildMemberWithPassword(testApp, {
      roles: [{ role: 'dispatcher' }],
      withTotp: true,
    });
    const client = await signedInClient(testApp, member);
    const response = await send(testApp, client, 'GET', '/api/auth/session');
    expect(response.json()).toEqual({
      memberId: member.id,
      networkId: member.networkId,
      status: 'active',
      roles: [{ role: 'dispatcher', areaId: null }],
      hasSecondFactor: true,
      csrfToken: client.csrfToken,
      stepUpUntil: null,
    });
    expect(outcome(await send(testApp, newClient(), 'GET', '/api/auth/session'))).toEqual([
      401,
      'UNAUTHENTICATED',
    ]);
    const garbage = { ...newClient(), cookie: '__Host-amparo_session=not-a-real-token-but-long-enough' };
    expect(outcome(await send(testApp, garbage, 'GET', '/api/auth/session'))).toEqual([
      401,
      'UNAUTHENTICATED',
    ]);
  });

  it('lists your own live sessions, marking the current one, with no address or device stored', async () => {
    const member = await buildMemberWithPassword(testApp);
    const stranger = await buildMemberWithPassword(testApp);
    await signedInClient(testApp, stranger);
    const first = await signedInClient(testApp, member);
    testApp.clock.advance(1000);
    const second = await signedInClient(testApp, member);
    await send(testApp, first, 'POST', '/api/auth/sign-out');
    await signedInClient(testApp, member);
    const list = (await send(testApp, second, 'GET', '/api/auth/sessions')).json<{
      sessions: { id: string; isCurrent: boolean }[];
    }>();
    expect(list.sessions).toHaveLength(2);
    expect(list.sessions.filter((session) => session.isCurrent)).toHaveLength(1);
    expect(Object.keys(list.sessions[0]!).sort()).toEqual([
      'createdAt',
      'expiresAt',
      'id',
      'isCurrent',
      'lastSeenAt',
    ]);
    const columns = await testApp.context.database.db
      .selectFrom('sessions')
      .selectAll()
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(Object.keys(columns).join(' ')).not.toMatch(/ip|agent|address/i);
  });

  it('signs out this session only; signing out again without a session is harmless', async () => {
    const member = await buildMemberWithPassword(testApp);
    const here = await signedInClient(testApp, member);
    const elsewhere = await signedInClient(testApp, member);
    const response = await send(testApp, here, 'POST', '/api/auth/sign-out');
    expect(response.statusCode).toBe(204);
    expect(String(response.headers['set-cookie'])).toMatch(/^__Host-amparo_session=;/);
    expect(await isAlive(here)).toBe(false);
    expect(await isAlive(elsewhere)).toBe(true);
    expect((await send(testApp, here, 'POST', '/api/auth/sign-out')).statusCode).toBe(204);
  });

  it('signs out everywhere', async () => {
    const member = await buildMemberWithPassword(testApp);
    const phone = await signedInClient(testApp, member);
    const laptop = await signedInClient(testApp, member);
    const other = await signedInClient(testApp, await buildMemberWithPassword(testApp));
    const response = await send(testApp, phone, 'POST', '/api/auth/sign-out-everywhere');
    expect(response.json()).toEqual({ endedCount: 2 });
    expect(await isAlive(phone)).toBe(false);
    expect(await isAlive(laptop)).toBe(false);
    expect(await isAlive(other)).toBe(true);
  });

  it('checks the CSRF token on state-changing requests (header or _csrf form field)', async () => {
    const member = await buildMemberWithPassword(testApp);
    const client = await signedInClient(testApp, member);
    const post = (headers: Record<string, string>, payload?: string) =>
      testApp.app.inject({
        method: 'POST',
        url: '/api/auth/sign-out',
        headers: { cookie: client.cookie!, ...headers },
        ...(payload ? { payload } : {}),
      });
    expect(outcome(await post({}))).toEqual([403, 'CSRF_FAILED']);
    expect(outcome(await post({ 'x-csrf-token': 'x'.repeat(43) }))).toEqual([403, 'CSRF_FAILED']);
    const otherSession = await signedInClient(testApp, member);
    expect(outcome(await post({ 'x-csrf-token': otherSession.csrfToken! }))).toEqual([403, 'CSRF_FAILED']);
    expect(await isAlive(client)).toBe(true);
    const form = await post(
      { 'content-type': 'application/x-www-form-urlencoded' },
      `_csrf=${client.csrfToken!}`,
    );
    expect(form.statusCode).toBe(204);
    expect(await isAlive(client)).toBe(false);
  });

  it('ends a session after 30 idle minutes', async () => {
    const member = await buildMemberWithPassword(testApp);
    const client = await signedInClient(testApp, member);
    testApp.clock.advance(30 * minuteMs - 1);
    expect(await isAlive(client)).toBe(true);
    testApp.clock.advance(30 * minuteMs - 1);
    expect(await isAlive(client)).toBe(true);
    testApp.clock.advance(30 * minuteMs);
    expect(await isAlive(client)).toBe(false);
  });

  it('ends a session 12 hours after sign-in, however active', async () => {
    const member = await buildMemberWithPassword(testApp);
    const client = newClient();
    expect((await signInWithPassword(testApp, client, member.email, defaultTestPassword)).statusCode).toBe(
      200,
    );
    for (let elapsed = 0; elapsed < 12 * hourMs - 20 * minuteMs; elapsed += 20 * minuteMs) {
      testApp.clock.advance(20 * minuteMs);
      expect(await isAlive(client)).toBe(true);
    }
    testApp.clock.advance(20 * minuteMs);
    expect(await isAlive(client)).toBe(false);
  });

  it("a removed member's session stops working on the very next request", async () => {
    const member = await buildMemberWithPassword(testApp);
    const client = await signedInClient(testApp, member);
    expect(await isAlive(client)).toBe(true);
    await testApp.context.database.db
      .updateTable('members')
      .set({ status: 'removed' })
      .where('id', '=', member.id)
      .execute();
    expect(await isAlive(client)).toBe(false);
  });

  it("an admin ends all of a member's sessions; realtime hears session.revoked; audited", async () => {
    const network = await buildNetwork(testApp.context);
    const admin = await buildMemberWithPassword(testApp, {
      networkId: network.id,
      roles: [{ role: 'admin' }],
      withTotp: true,
    });
    const member = await buildMemberWithPassword(testApp, {
      networkId: network.id,
      roles: [{ role: 'responder' }],
    });
    const adminClient = await signedInClient(testApp, admin);
    const phone = await signedInClient(testApp, member);
    const laptop = await signedInClient(testApp, member);
    const events: DomainEvent[] = [];
    const unsubscribe = testApp.context.events.subscribe((event) => events.push(event));
    const response = await send(
      testApp,
      adminClient,
      'POST',
      `/api/members/${member.id}/sessions/revoke`,
      {},
    );
    unsubscribe();
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ memberId: member.id, revokedCount: 2 });
    expect(await isAlive(phone)).toBe(false);
    expect(await isAlive(laptop)).toBe(false);
    expect(await isAlive(adminClient)).toBe(true);
    expect(events.filter((event) => event.type === 'session.revoked')).toEqual([
      expect.objectContaining({
        type: 'session.revoked',
        networkId: network.id,
        rooms: [`member:${member.id}`],
        data: { memberId: member.id },
      }),
    ]);
    const audit = await testApp.context.database.db
      .selectFrom('audit_log')
      .select(['actor_member_id', 'object_id', 'metadata'])
      .where('chain', '=', network.id)
      .where('action', '=', 'session.revoked')
      .execute();
    expect(audit).toEqual([
      { actor_member_id: admin.id, object_id: member.id, metadata: JSON.stringify({ count: 2 }) },
    ]);
  });

  it('refuses non-admins (403), admins without a second factor (403), other networks (404), signed out (401)', async () => {
    const network = await buildNetwork(testApp.context);
    const member = await buildMemberWithPassword(testApp, {
      networkId: network.id,
      roles: [{ role: 'responder' }],
    });
    const target = await signedInClient(testApp, member);
    const path = `/api/members/${member.id}/sessions/revoke`;
    const caller = async (options: Parameters<typeof buildMemberWithPassword>[1]) =>
      signedInClient(testApp, await buildMemberWithPassword(testApp, options), { secondFactorProved: true });

    const coordinator = await caller({
      networkId: network.id,
      roles: [{ role: 'coordinator' }],
      withTotp: true,
    });
    expect(outcome(await send(testApp, coordinator, 'POST', path))).toEqual([403, 'FORBIDDEN']);
    const probationaryAdmin = await caller({
      networkId: network.id,
      roles: [{ role: 'admin' }],
      status: 'probationary',
      withTotp: true,
    });
    expect(outcome(await send(testApp, probationaryAdmin, 'POST', path))).toEqual([403, 'FORBIDDEN']);
    const adminWithoutFactor = await caller({
      networkId: network.id,
      roles: [{ role: 'admin' }],
      withTotp: false,
    });
    expect(outcome(await send(testApp, adminWithoutFactor, 'POST', path))).toEqual([
      403,
      'SECOND_FACTOR_REQUIRED',
    ]);
    const outsider = await caller({ roles: [{ role: 'admin' }], withTotp: true });
    expect(outcome(await send(testApp, outsider, 'POST', path))).toEqual([404, 'NOT_FOUND']);
    expect(
      outcome(await send(testApp, outsider, 'POST', `/api/members/${randomUUID()}/sessions/revoke`)),
    ).toEqual([404, 'NOT_FOUND']);
    expect(outcome(await send(testApp, newClient(), 'POST', path))).toEqual([401, 'UNAUTHENTICATED']);
    expect(outcome(await send(testApp, outsider, 'POST', '/api/members/not-a-uuid/sessions/revoke'))).toEqual(
      [400, 'VALIDATION_FAILED'],
    );
    expect(await isAlive(target)).toBe(true);
  });
});
