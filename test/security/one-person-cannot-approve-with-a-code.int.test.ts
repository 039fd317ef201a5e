import { afterAll, beforeAll, expect, it } from 'vitest';
import { totpCodeAt } from '../../server/modules/identity/auth/totp.ts';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildArea, buildMember, signIn } from '../support/factories.ts';
import { send } from '../auth/auth-support.ts';
import type { Client } from '../auth/auth-support.ts';
import { SoftwareAuthenticator } from '../auth/software-authenticator.ts';
import { buildAlertWorld, buildIncident, member } from '../alerts/support/alert-world.ts';
import type { AlertWorld, SignedInMember } from '../alerts/support/alert-world.ts';
import { approve, call, outcome } from '../alerts/support/api.ts';

/**
 * SECURITY.md: "phishing-resistant login (WebAuthn passkeys) for approvers and admins". Issue 14,
 * items 4 and 5, driven through the HTTP API as an attacker holding a phished password and
 * authenticator code would: (k) a code approves nothing, a passkey does; (l) an approver without a
 * passkey is told to register one; (m) every two-person approval and admin action refuses a
 * code-only step-up; (n) an invitation cannot carry coordinator or admin past a second admin;
 * (o) the cooling-off counts per area grant.
 */

const hourMs = 60 * 60 * 1000;
const dayMs = 24 * hourMs;
const origin = 'http://localhost:8080';

describeEachDatabase('one person cannot approve with a code', (dialect) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp(dialect, { AMPARO_PUBLIC_URL: origin });
  });
  afterAll(() => testApp.close());

  /** A real session, no factor proved yet (as after a password sign-in). */
  async function freshClient(who: {
    id: string;
    networkId: string;
  }): Promise<Client & { sessionId: string }> {
    const session = await signIn(testApp.context, who);
    return {
      address: '203.0.113.7',
      cookie: session.cookie,
      csrfToken: session.csrfToken,
      sessionId: session.sessionId,
    };
  }

  async function stepUpWithCode(client: Client, totpSecret: string) {
    testApp.clock.advance(30_000); // a new TOTP step: each code works once
    return send(testApp, client, 'POST', '/api/auth/step-up', {
      code: totpCodeAt(totpSecret, testApp.clock.now()),
    });
  }

  async function stepUpWithPasskey(client: Client, passkey: SoftwareAuthenticator) {
    const options = (await send(testApp, client, 'POST', '/api/auth/step-up/options')).json<{
      challenge: string;
    }>();
    return send(testApp, client, 'POST', '/api/auth/step-up', { response: passkey.assert(options) });
  }

  const asWho = (client: Client) => ({
    session: { headers: { cookie: client.cookie!, 'x-csrf-token': client.csrfToken! } },
  });

  async function draftAlert(world: AlertWorld, location?: { lat: number; lon: number }): Promise<string> {
    const incidentId = await buildIncident(testApp.context, world.network.id, location ?? {});
    const drafted = await call(testApp, 'POST', '/api/alerts', world.drafter, { incidentId });
    expect(drafted.statusCode).toBe(201);
    return drafted.json<{ alert: { id: string } }>().alert.id;
  }

  it('(k) a phished authenticator code approves no alert; the approver’s passkey does', async () => {
    const world = await buildAlertWorld(testApp);
    const alertId = await draftAlert(world);
    const client = await freshClient(world.approver);
    expect((await stepUpWithCode(client, world.approver.totpSecret!)).statusCode).toBe(200);
    expect(outcome(await approve(testApp, alertId, asWho(client)))).toEqual([
      403,
      'PASSKEY_STEP_UP_REQUIRED',
    ]);
    const session = await testApp.context.database.db
      .selectFrom('sessions')
      .select(['second_factor_method'])
      .where('id', '=', client.sessionId)
      .executeTakeFirstOrThrow();
    expect(session.second_factor_method).toBe('totp');
    const shown = await call(testApp, 'GET', `/api/alerts/${alertId}`, world.drafter);
    expect(shown.json<{ alert: { state: string } }>().alert.state).toBe('draft');

    // The same session, after the passkey: approved (the refusal was the factor alone).
    expect((await stepUpWithPasskey(client, world.approver.passkey!)).statusCode).toBe(200);
    expect((await approve(testApp, alertId, asWho(client))).statusCode).toBe(200);
    const audit = await testApp.context.database.db
      .selectFrom('audit_log')
      .select(['action', 'metadata'])
      .where('actor_member_id', '=', world.approver.id)
      .where('action', '=', 'auth.stepUp')
      .execute();
    expect(audit.map((entry) => JSON.parse(entry.metadata ?? '{}') as { method: string })).toEqual([
      { method: 'totp' },
      { method: 'passkey' },
    ]);
  });

  it('(l) an approver without a passkey gets PASSKEY_REQUIRED, registers one after a code step-up, then approves', async () => {
    const world = await buildAlertWorld(testApp);
    const alertId = await draftAlert(world);
    const codeOnly = await buildMember(testApp.context, {
      networkId: world.network.id,
      roles: [{ role: 'coordinator' }],
      withPasskey: false,
    });
    const client = await freshClient(codeOnly);
    // No fresh proof at all: the usual step-up answer.
    expect(outcome(await approve(testApp, alertId, asWho(client)))).toEqual([403, 'STEP_UP_REQUIRED']);
    expect((await stepUpWithCode(client, codeOnly.totpSecret!)).statusCode).toBe(200);
    expect(outcome(await approve(testApp, alertId, asWho(client)))).toEqual([403, 'PASSKEY_REQUIRED']);

    const passkey = new SoftwareAuthenticator({ origin });
    const options = (await send(testApp, client, 'POST', '/api/auth/passkeys/register/options')).json<{
      challenge: string;
    }>();
    const registered = await send(testApp, client, 'POST', '/api/auth/passkeys/register/verify', {
      response: passkey.register(options),
    });
    expect(registered.statusCode).toBe(201);
    testApp.clock.advance(6 * 60 * 1000); // the registration's proof has gone stale
    expect(outcome(await approve(testApp, alertId, asWho(client)))).toEqual([403, 'STEP_UP_REQUIRED']);
    expect((await stepUpWithCode(client, codeOnly.totpSecret!)).statusCode).toBe(200);
    expect(outcome(await approve(testApp, alertId, asWho(client)))).toEqual([
      403,
      'PASSKEY_STEP_UP_REQUIRED',
    ]);
    expect((await stepUpWithPasskey(client, passkey)).statusCode).toBe(200);
    expect((await approve(testApp, alertId, asWho(client))).statusCode).toBe(200);
  });

  it('(m) every two-person approval and admin action refuses a code-only step-up with a stable code', async () => {
    const world = await buildAlertWorld(testApp);
    const coordinator = await member(testApp.context, world.network.id, { roles: [{ role: 'coordinator' }] });
    const responder = await member(testApp.context, world.network.id, { roles: [{ role: 'responder' }] });
    const formerCoordinator = await member(testApp.context, world.network.id, {
      roles: [{ role: 'coordinator' }],
    });
    // Objects a second person approves: a template proposal, a privilege grant, a recovery link.
    const proposal = (
      await call(testApp, 'POST', '/api/alert-templates/proposals', world.drafter, {
        key: 'alert.workplace',
        texts: { en: 'Reported near {place}. {details}' },
      })
    ).json<{ proposal: { id: string } }>().proposal;
    const secondAdmin = await member(testApp.context, world.network.id, { roles: [{ role: 'admin' }] });
    const requested = await call(testApp, 'PUT', `/api/members/${responder.id}/roles`, secondAdmin, {
      roles: [{ role: 'responder' }, { role: 'coordinator' }],
    });
    const grantId = requested.json<{ pendingGrants: { id: string }[] }>().pendingGrants[0]!.id;
    const link = (
      await call(testApp, 'POST', `/api/members/${formerCoordinator.id}/recovery-links`, secondAdmin)
    ).json<{ id: string; needsApproval: boolean }>();
    expect(link.needsApproval).toBe(true);

    const codeSession = async (who: { id: string; networkId: string }) => ({
      session: await signIn(testApp.context, who, { secondFactorProved: true, secondFactor: 'totp' }),
    });
    const admin = await codeSession(world.admin);
    const approver = await codeSession(coordinator);
    const attempts: [string, () => ReturnType<typeof call>][] = [
      ['alert approval', async () => approve(testApp, await draftAlert(world), approver)],
      [
        'template approval',
        () => call(testApp, 'POST', `/api/alert-templates/proposals/${proposal.id}/approve`, approver),
      ],
      ['privilege grant', () => call(testApp, 'POST', `/api/privilege-grants/${grantId}/approve`, admin)],
      [
        'recovery approval',
        () =>
          call(
            testApp,
            'POST',
            `/api/members/${formerCoordinator.id}/recovery-links/${link.id}/approve`,
            admin,
          ),
      ],
      ['recovery link', () => call(testApp, 'POST', `/api/members/${responder.id}/recovery-links`, admin)],
      [
        'role change',
        () =>
          call(testApp, 'PUT', `/api/members/${responder.id}/roles`, admin, {
            roles: [{ role: 'dispatcher' }],
          }),
      ],
      [
        'network settings',
        () =>
          testApp.app.inject({
            method: 'PATCH',
            url: '/api/network',
            headers: admin.session.headers,
            payload: { settings: { privilegeCoolingOffHours: 1 } },
          }),
      ],
      [
        'member removal',
        () =>
          testApp.app.inject({
            method: 'DELETE',
            url: `/api/members/${responder.id}`,
            headers: admin.session.headers,
          }),
      ],
    ];
    for (const [name, attempt] of attempts) {
      expect([name, ...outcome(await attempt())]).toEqual([name, 403, 'PASSKEY_STEP_UP_REQUIRED']);
    }
    // Nothing happened: the grant and the link still wait, the responder keeps their role.
    const grants = await call(testApp, 'GET', '/api/privilege-grants', world.admin);
    expect(grants.json<{ grants: { id: string }[] }>().grants.map((grant) => grant.id)).toEqual([grantId]);
    const responderRoles = await testApp.context.database.db
      .selectFrom('member_roles')
      .select('role')
      .where('member_id', '=', responder.id)
      .execute();
    expect(responderRoles).toEqual([{ role: 'responder' }]);

    // The same calls with a passkey proof go through (the factor was the only refusal).
    const passkeyAdmin = await member(testApp.context, world.network.id, { roles: [{ role: 'admin' }] });
    const approveGrant = `/api/privilege-grants/${grantId}/approve`;
    expect(outcome(await call(testApp, 'POST', approveGrant, passkeyAdmin))).toEqual([200, undefined]);
    const approveProposal = `/api/alert-templates/proposals/${proposal.id}/approve`;
    expect(outcome(await call(testApp, 'POST', approveProposal, coordinator))).toEqual([200, undefined]);
  });

  it('(n) an invitation carrying coordinator or admin grants it only after a second admin approves with a passkey', async () => {
    const world = await buildAlertWorld(testApp);
    const inviter = world.admin;
    const invited = await call(testApp, 'POST', '/api/invitations', inviter, {
      roles: [{ role: 'responder' }, { role: 'coordinator' }],
    });
    expect(invited.statusCode).toBe(201);
    const token = invited.json<{ link: string }>().link.split('/join/')[1]!;
    const joined = await testApp.app.inject({
      method: 'POST',
      url: `/api/invitations/${token}/accept`,
      payload: {
        displayName: 'New Person',
        email: `new-${Date.now()}@example.test`,
        password: 'a long passphrase ok',
      },
    });
    expect(joined.statusCode).toBe(201);
    const body = joined.json<{
      memberId: string;
      pendingGrants: { id: string; role: string; requestedBy: string }[];
    }>();
    expect(body.pendingGrants).toEqual([
      expect.objectContaining({ role: 'coordinator', requestedBy: inviter.id }),
    ]);
    const held = async () =>
      (
        await testApp.context.database.db
          .selectFrom('member_roles')
          .select('role')
          .where('member_id', '=', body.memberId)
          .execute()
      ).map((row) => row.role);
    expect(await held()).toEqual(['responder']);

    const grantId = body.pendingGrants[0]!.id;
    // The inviter cannot approve their own invitation's privilege, even with a passkey.
    expect(outcome(await call(testApp, 'POST', `/api/privilege-grants/${grantId}/approve`, inviter))).toEqual(
      [403, 'PRIVILEGE_APPROVER_NOT_DIFFERENT'],
    );
    const secondAdmin = await member(testApp.context, world.network.id, { roles: [{ role: 'admin' }] });
    const codeOnly = {
      session: await signIn(testApp.context, secondAdmin, { secondFactorProved: true, secondFactor: 'totp' }),
    };
    expect(
      outcome(await call(testApp, 'POST', `/api/privilege-grants/${grantId}/approve`, codeOnly)),
    ).toEqual([403, 'PASSKEY_STEP_UP_REQUIRED']);
    expect(await held()).toEqual(['responder']);
    const approved = await call(testApp, 'POST', `/api/privilege-grants/${grantId}/approve`, secondAdmin);
    expect(approved.statusCode).toBe(200);
    expect(approved.json<{ coolingOffUntil: number }>().coolingOffUntil).toBe(testApp.clock.now() + dayMs);
    expect((await held()).sort()).toEqual(['coordinator', 'responder']);
  });

  it('(o) a coordinator newly granted a second area cannot approve there for 24 hours, while their old area works', async () => {
    const world = await buildAlertWorld(testApp);
    const north = { lat: 41.95, lon: -87.66 };
    const northArea = await buildArea(testApp.context, world.network.id, {
      center: north,
      radiusMeters: 2000,
    });
    // A long-standing coordinator of Pilsen only.
    const veteran = await member(testApp.context, world.network.id, {
      roles: [{ role: 'coordinator', areaId: world.areaId }],
    });
    const requested = await call(testApp, 'PUT', `/api/members/${veteran.id}/roles`, world.admin, {
      roles: [
        { role: 'coordinator', areaId: world.areaId },
        { role: 'coordinator', areaId: northArea.id },
      ],
    });
    const grantId = requested.json<{ pendingGrants: { id: string }[] }>().pendingGrants[0]!.id;
    const secondAdmin = await member(testApp.context, world.network.id, { roles: [{ role: 'admin' }] });
    expect(
      (await call(testApp, 'POST', `/api/privilege-grants/${grantId}/approve`, secondAdmin)).statusCode,
    ).toBe(200);
    const stepped = async (): Promise<SignedInMember> => ({
      ...veteran,
      session: await signIn(testApp.context, veteran, { secondFactorProved: true }),
    });

    const northAlert = await draftAlert(world, north);
    const pilsenAlert = await draftAlert(world);
    expect(outcome(await approve(testApp, northAlert, await stepped()))).toEqual([
      403,
      'PRIVILEGE_COOLING_OFF',
    ]);
    expect((await approve(testApp, pilsenAlert, await stepped())).statusCode).toBe(200);
    testApp.clock.advance(dayMs + hourMs);
    expect((await approve(testApp, northAlert, await stepped())).statusCode).toBe(200);
  });
});
