import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildArea, buildMember, buildNetwork, signIn } from '../support/factories.ts';
import type { ErrorBody, PendingInvitationBody } from './responses.ts';

const hourMs = 60 * 60 * 1000;

describeEachDatabase('invitations', (dialect) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp(dialect, { AMPARO_PUBLIC_URL: 'https://amparo.example.org' });
  });
  afterAll(() => testApp.close());

  async function networkWithAdmin() {
    const context = testApp.context;
    const network = await buildNetwork(context);
    const admin = await buildMember(context, {
      networkId: network.id,
      roles: [{ role: 'admin' }],
      withTotp: true,
    });
    return { network, admin, adminSession: await signIn(context, admin) };
  }

  async function invite(headers: Record<string, string>, payload: unknown) {
    return testApp.app.inject({
      method: 'POST',
      url: '/api/invitations',
      headers,
      payload: payload as object,
    });
  }

  function tokenOf(link: string): string {
    return link.split('/join/')[1]!;
  }

  async function accept(token: string, payload: Record<string, unknown>) {
    return testApp.app.inject({ method: 'POST', url: `/api/invitations/${token}/accept`, payload });
  }

  const newcomer = (email = `new-${Math.random().toString(36).slice(2)}@example.test`) => ({
    displayName: 'Rosa M.',
    email,
    password: 'a long enough passphrase',
  });

  it('lets an admin invite; the link is shown once and only its hash is stored', async () => {
    const { network, adminSession } = await networkWithAdmin();
    const area = await buildArea(testApp.context, network.id);
    const response = await invite(adminSession.headers, {
      roles: [{ role: 'responder', areaId: area.id }, { role: 'coordinator' }],
    });
    expect(response.statusCode).toBe(201);
    const body = response.json<{ id: string; link: string; expiresAt: number }>();
    expect(body.link).toMatch(/^https:\/\/amparo\.example\.org\/join\/[A-Za-z0-9_-]{43}$/);
    expect(body.expiresAt).toBe(testApp.clock.now() + 168 * hourMs);
    const row = await testApp.database.db
      .selectFrom('invitations')
      .selectAll()
      .where('id', '=', body.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(tokenOf(body.link));

    const list = await testApp.app.inject({
      method: 'GET',
      url: '/api/invitations',
      headers: adminSession.headers,
    });
    expect(list.statusCode).toBe(200);
    expect(list.json<{ invitations: PendingInvitationBody[] }>().invitations).toEqual([
      expect.objectContaining({
        id: body.id,
        roles: [
          { role: 'responder', areaId: area.id },
          { role: 'coordinator', areaId: null },
        ],
      }),
    ]);
    expect(list.body).not.toContain(tokenOf(body.link));
    expect(list.body).not.toContain('token');
  });

  it('refuses inviters without the role, without a second factor, or granting above a coordinator', async () => {
    const context = testApp.context;
    const { network } = await networkWithAdmin();
    const coordinatorWithoutFactor = await buildMember(context, {
      networkId: network.id,
      roles: [{ role: 'coordinator' }],
      withTotp: false,
    });
    const coordinator = await buildMember(context, {
      networkId: network.id,
      roles: [{ role: 'coordinator' }],
      withTotp: true,
    });
    const dispatcher = await buildMember(context, {
      networkId: network.id,
      roles: [{ role: 'dispatcher' }],
      withTotp: true,
    });
    const probationaryAdmin = await buildMember(context, {
      networkId: network.id,
      roles: [{ role: 'admin' }],
      status: 'probationary',
      withTotp: true,
    });
    const responderInvite = { roles: [{ role: 'responder' }] };
    const cases: [Record<string, string>, unknown, number, string][] = [
      [
        (await signIn(context, coordinatorWithoutFactor)).headers,
        responderInvite,
        403,
        'SECOND_FACTOR_REQUIRED',
      ],
      [(await signIn(context, dispatcher)).headers, responderInvite, 403, 'FORBIDDEN'],
      [(await signIn(context, probationaryAdmin)).headers, responderInvite, 403, 'FORBIDDEN'],
      [
        (await signIn(context, coordinator)).headers,
        { roles: [{ role: 'admin' }] },
        403,
        'ROLE_NOT_GRANTABLE',
      ],
      [
        (await signIn(context, coordinator)).headers,
        { roles: [{ role: 'coordinator' }] },
        403,
        'ROLE_NOT_GRANTABLE',
      ],
      [{}, responderInvite, 401, 'UNAUTHENTICATED'],
      [{ cookie: (await signIn(context, coordinator)).cookie }, responderInvite, 403, 'CSRF_FAILED'],
    ];
    for (const [headers, payload, status, code] of cases) {
      const response = await invite(headers, payload);
      expect({ code: response.json<ErrorBody>().error?.code, status: response.statusCode }).toEqual({
        code,
        status,
      });
    }
    const allowed = await invite((await signIn(context, coordinator)).headers, responderInvite);
    expect(allowed.statusCode).toBe(201);
  });

  it('confines an area-limited coordinator to their areas and every inviter to their network', async () => {
    const context = testApp.context;
    const { network, adminSession } = await networkWithAdmin();
    const ownArea = await buildArea(context, network.id);
    const otherArea = await buildArea(context, network.id);
    const foreignArea = await buildArea(context, (await buildNetwork(context)).id);
    const coordinator = await buildMember(context, {
      networkId: network.id,
      roles: [{ role: 'coordinator', areaId: ownArea.id }],
      withTotp: true,
    });
    const headers = (await signIn(context, coordinator)).headers;
    expect((await invite(headers, { roles: [{ role: 'responder', areaId: ownArea.id }] })).statusCode).toBe(
      201,
    );
    expect(
      (await invite(headers, { roles: [{ role: 'responder', areaId: otherArea.id }] })).json<ErrorBody>()
        .error.code,
    ).toBe('ROLE_NOT_GRANTABLE');
    expect((await invite(headers, { roles: [{ role: 'responder' }] })).json<ErrorBody>().error.code).toBe(
      'ROLE_NOT_GRANTABLE',
    );
    const foreign = await invite(adminSession.headers, {
      roles: [{ role: 'responder', areaId: foreignArea.id }],
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json<ErrorBody>().error.details).toEqual([
      { path: 'roles.0.areaId', message: 'No such area in this network.' },
    ]);
  });

  it('validates the role list and the lifetime', async () => {
    const { adminSession } = await networkWithAdmin();
    for (const payload of [
      { roles: [] },
      { roles: [{ role: 'superuser' }] },
      { roles: [{ role: 'viewer' }], expiresInHours: 0 },
      { roles: [{ role: 'viewer' }], expiresInHours: 337 },
      { roles: [{ role: 'viewer' }], extra: true },
    ]) {
      const response = await invite(adminSession.headers, payload);
      expect(response.statusCode).toBe(400);
      expect(response.json<ErrorBody>().error.code).toBe('VALIDATION_FAILED');
    }
    const shortLived = await invite(adminSession.headers, { roles: [{ role: 'viewer' }], expiresInHours: 1 });
    expect(shortLived.json<{ expiresAt: number }>().expiresAt).toBe(testApp.clock.now() + hourMs);
  });

  it('accepts once: a probationary member with the invited roles and a session', async () => {
    const { network, adminSession } = await networkWithAdmin();
    const area = await buildArea(testApp.context, network.id);
    const created = await invite(adminSession.headers, { roles: [{ role: 'dispatcher', areaId: area.id }] });
    const token = tokenOf(created.json<{ link: string }>().link);
    const person = newcomer();

    const joined = await accept(token, person);
    expect(joined.statusCode).toBe(201);
    const body = joined.json<{
      memberId: string;
      networkId: string;
      status: string;
      csrfToken: string;
      next: string;
    }>();
    expect(body).toMatchObject({
      networkId: network.id,
      status: 'probationary',
      next: 'enroll-second-factor',
    });
    const setCookie = String(joined.headers['set-cookie']);
    expect(setCookie).toMatch(/^__Host-amparo_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('Secure');
    expect(setCookie).toContain('SameSite=Strict');

    const db = testApp.database.db;
    const member = await db
      .selectFrom('members')
      .selectAll()
      .where('id', '=', body.memberId)
      .executeTakeFirstOrThrow();
    expect(member).toMatchObject({ network_id: network.id, status: 'probationary', vetted_at: null });
    expect(member.password_hash).toMatch(/^\$argon2id\$/);
    expect(JSON.stringify(member)).not.toContain(person.email);
    expect(JSON.stringify(member)).not.toContain(person.displayName);
    const grants = await db
      .selectFrom('member_roles')
      .select(['role', 'area_id'])
      .where('member_id', '=', body.memberId)
      .execute();
    expect(grants).toEqual([{ role: 'dispatcher', area_id: area.id }]);

    // The session works, and a probationary member holds no role yet.
    const sessionCookie = setCookie.split(';')[0]!;
    const asNewcomer = await testApp.app.inject({
      method: 'GET',
      url: '/api/members',
      headers: { cookie: sessionCookie },
    });
    expect(asNewcomer.statusCode).toBe(403);

    const again = await accept(token, newcomer());
    expect(again.statusCode).toBe(409);
    expect(again.json<ErrorBody>().error.code).toBe('INVITATION_USED');
    const pending = await testApp.app.inject({
      method: 'GET',
      url: '/api/invitations',
      headers: adminSession.headers,
    });
    expect(pending.json<{ invitations: PendingInvitationBody[] }>().invitations).toEqual([]);

    const audit = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('chain', '=', network.id)
      // The factory's network starts with its own network.created entry.
      .where('action', '!=', 'network.created')
      .orderBy('seq')
      .execute();
    expect(audit.map((entry) => entry.action)).toEqual(['member.invited', 'member.joined']);
    expect(audit[1]).toMatchObject({ actor_member_id: body.memberId, object_id: body.memberId });
    for (const entry of audit) {
      expect(entry.metadata).not.toContain(person.email);
      expect(entry.metadata).not.toContain(person.displayName);
    }
  });

  it('refuses expired, revoked, unknown and malformed tokens, and taken emails', async () => {
    const { admin } = await networkWithAdmin();
    let adminSession = await signIn(testApp.context, admin);
    const link = async (expiresInHours = 168) =>
      tokenOf(
        (await invite(adminSession.headers, { roles: [{ role: 'viewer' }], expiresInHours })).json<{
          link: string;
        }>().link,
      );

    const expiring = await link(1);
    testApp.clock.advance(hourMs);
    const expired = await accept(expiring, newcomer());
    expect([expired.statusCode, expired.json<ErrorBody>().error.code]).toEqual([410, 'INVITATION_EXPIRED']);
    // The hour also ended the admin's idle session.
    adminSession = await signIn(testApp.context, admin);

    const revokedToken = await link();
    const [pending] = (
      await testApp.app.inject({ method: 'GET', url: '/api/invitations', headers: adminSession.headers })
    ).json<{ invitations: [PendingInvitationBody] }>().invitations;
    const revoke = await testApp.app.inject({
      method: 'DELETE',
      url: `/api/invitations/${pending.id}`,
      headers: adminSession.headers,
    });
    expect(revoke.statusCode).toBe(200);
    const revoked = await accept(revokedToken, newcomer());
    expect([revoked.statusCode, revoked.json<ErrorBody>().error.code]).toEqual([404, 'INVITATION_INVALID']);
    const revokeAgain = await testApp.app.inject({
      method: 'DELETE',
      url: `/api/invitations/${pending.id}`,
      headers: adminSession.headers,
    });
    expect(revokeAgain.statusCode).toBe(404);

    for (const token of ['A'.repeat(43), 'short', `${'A'.repeat(42)}%2F`]) {
      const unknown = await accept(token, newcomer());
      expect([unknown.statusCode, unknown.json<ErrorBody>().error.code]).toEqual([404, 'INVITATION_INVALID']);
    }

    const fresh = await link();
    const taken = await accept(fresh, newcomer(`  ${admin.email.toUpperCase()} `));
    expect([taken.statusCode, taken.json<ErrorBody>().error.code]).toEqual([409, 'EMAIL_TAKEN']);
    const weak = await accept(fresh, { ...newcomer(), password: 'short' });
    expect([weak.statusCode, weak.json<ErrorBody>().error.code]).toEqual([400, 'VALIDATION_FAILED']);
    // A failed attempt does not use the invitation up.
    expect((await accept(fresh, newcomer())).statusCode).toBe(201);
  });

  it('accepts only JSON on the API, so a cross-site form cannot sign someone in', async () => {
    const { adminSession } = await networkWithAdmin();
    const token = tokenOf(
      (await invite(adminSession.headers, { roles: [{ role: 'viewer' }] })).json<{ link: string }>().link,
    );
    const response = await testApp.app.inject({
      method: 'POST',
      url: `/api/invitations/${token}/accept`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(newcomer()).toString(),
    });
    expect(response.statusCode).toBe(415);
  });

  it('keeps each network to its own invitations', async () => {
    const a = await networkWithAdmin();
    const b = await networkWithAdmin();
    const created = (await invite(a.adminSession.headers, { roles: [{ role: 'viewer' }] })).json<{
      id: string;
    }>();
    const listB = await testApp.app.inject({
      method: 'GET',
      url: '/api/invitations',
      headers: b.adminSession.headers,
    });
    expect(listB.json<{ invitations: PendingInvitationBody[] }>().invitations).toEqual([]);
    const revokeB = await testApp.app.inject({
      method: 'DELETE',
      url: `/api/invitations/${created.id}`,
      headers: b.adminSession.headers,
    });
    expect([revokeB.statusCode, revokeB.json<ErrorBody>().error.code]).toEqual([404, 'INVITATION_NOT_FOUND']);
    // A coordinator revokes only what they created.
    const coordinator = await buildMember(testApp.context, {
      networkId: a.network.id,
      roles: [{ role: 'coordinator' }],
      withTotp: true,
    });
    const coordinatorRevoke = await testApp.app.inject({
      method: 'DELETE',
      url: `/api/invitations/${created.id}`,
      headers: (await signIn(testApp.context, coordinator)).headers,
    });
    expect(coordinatorRevoke.statusCode).toBe(404);
    const stillPending = await testApp.app.inject({
      method: 'GET',
      url: '/api/invitations',
      headers: a.adminSession.headers,
    });
    expect(stillPending.json<{ invitations: PendingInvitationBody[] }>().invitations).toHaveLength(1);
  });
});
