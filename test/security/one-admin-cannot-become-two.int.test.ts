import { afterAll, beforeAll, expect, it } from 'vitest';
import { totpCodeAt } from '../../server/modules/identity/auth/totp.ts';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildMember, signIn } from '../support/factories.ts';
import { newClient, send, signInWithPassword } from '../auth/auth-support.ts';
import type { Client } from '../auth/auth-support.ts';
import { buildAlertWorld, buildIncident, member } from '../alerts/support/alert-world.ts';
import type { AlertWorld, SignedInMember } from '../alerts/support/alert-world.ts';
import { approve, call, outcome } from '../alerts/support/api.ts';
import { openRecoveryForm, pageErrorCode, postRecoveryForm } from '../members/recovery-support.ts';

/**
 * SECURITY.md, alert safety: "One person never becomes two: granting or restoring privilege needs
 * a second admin." Each test is one way ONE admin (who also coordinates, with a fresh second
 * factor) could try to become the second person an alert needs, driven through the HTTP API as
 * they would. Issue 14, item 4; cases (g) onwards continue one-person-cannot-publish (a)–(f).
 */

const hourMs = 60 * 60 * 1000;
const dayMs = 24 * hourMs;
const newPassword = 'a passphrase the attacker chose';

interface ChangedRoles {
  roles: { role: string; areaId: string | null }[];
  pendingGrants: { id: string; memberId: string; role: string; requestedBy: string }[];
}

describeEachDatabase('one admin cannot become two', (dialect) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp(dialect, { AMPARO_PUBLIC_URL: 'https://amparo.example.org' });
  });
  afterAll(() => testApp.close());

  /** A fresh stepped-up session for a member built earlier (the clock may have moved on). */
  const steppedUp = async (who: SignedInMember): Promise<SignedInMember> => ({
    ...who,
    session: await signIn(testApp.context, who, { secondFactorProved: true }),
  });

  async function world(): Promise<AlertWorld & { attacker: SignedInMember; victim: SignedInMember }> {
    const alertWorld = await buildAlertWorld(testApp);
    // One person: the network's admin, who also coordinates (drafts alerts).
    const attacker = await member(testApp.context, alertWorld.network.id, {
      roles: [{ role: 'admin' }, { role: 'coordinator' }],
    });
    const victim = await member(testApp.context, alertWorld.network.id, { roles: [{ role: 'responder' }] });
    return { ...alertWorld, attacker, victim };
  }

  async function draftAlert(testWorld: AlertWorld, drafter: SignedInMember): Promise<string> {
    const incidentId = await buildIncident(testApp.context, testWorld.network.id);
    const drafted = await call(testApp, 'POST', '/api/alerts', drafter, { incidentId });
    expect(drafted.statusCode).toBe(201);
    return drafted.json<{ alert: { id: string } }>().alert.id;
  }

  async function grant(by: SignedInMember, memberId: string, roles: object[]): Promise<ChangedRoles> {
    const response = await call(testApp, 'PUT', `/api/members/${memberId}/roles`, by, { roles });
    expect(response.statusCode).toBe(200);
    return response.json<ChangedRoles>();
  }

  /** Recovery link → new password → sign-in → TOTP enrolled: the account is the attacker's now. */
  async function takeOver(attacker: SignedInMember, victimId: string, email: string): Promise<Client> {
    const created = await call(testApp, 'POST', `/api/members/${victimId}/recovery-links`, attacker);
    expect(created.statusCode).toBe(201);
    const link = created.json<{ url: string; needsApproval: boolean }>();
    expect(link.needsApproval).toBe(false);
    const path = new URL(link.url).pathname;
    const form = await openRecoveryForm(testApp, path);
    const used = await postRecoveryForm(testApp, path, form, newPassword);
    expect(pageErrorCode(used)).toBeNull();
    const client = newClient();
    expect((await signInWithPassword(testApp, client, email, newPassword)).statusCode).toBe(200);
    const { secret } = (await send(testApp, client, 'POST', '/api/auth/totp/enroll')).json<{
      secret: string;
    }>();
    const confirmed = await send(testApp, client, 'POST', '/api/auth/totp/confirm', {
      code: totpCodeAt(secret, testApp.clock.now()),
    });
    expect(confirmed.statusCode).toBe(200);
    return client;
  }

  async function auditActions(networkId: string, memberId: string) {
    return testApp.context.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_member_id as actor'])
      .where('chain', '=', networkId)
      .where('object_id', '=', memberId)
      .execute();
  }

  it("(g) the issue's attack: recovery link for a responder, use it, grant coordinator, approve own alert — refused at each step", async () => {
    const testWorld = await world();
    const { attacker, victim } = testWorld;
    const alertId = await draftAlert(testWorld, attacker);

    const victimAccount = await takeOver(attacker, victim.id, victim.email);
    const granted = await grant(attacker, victim.id, [{ role: 'coordinator' }]);
    // The grant is only a request: the member holds no coordinator role.
    expect(granted.roles).toEqual([]);
    expect(granted.pendingGrants).toMatchObject([
      { memberId: victim.id, role: 'coordinator', requestedBy: attacker.id },
    ]);
    const pendingId = granted.pendingGrants[0]!.id;

    // The "second person" is no approver.
    const shown = await call(testApp, 'GET', `/api/alerts/${alertId}`, attacker);
    const contentHash = shown.json<{ content: { hash: string } }>().content.hash;
    expect(
      outcome(await send(testApp, victimAccount, 'POST', `/api/alerts/${alertId}/approve`, { contentHash })),
    ).toEqual([403, 'FORBIDDEN']);
    // Neither the admin who asked nor the member receiving it can approve the grant.
    expect(
      outcome(await call(testApp, 'POST', `/api/privilege-grants/${pendingId}/approve`, attacker)),
    ).toEqual([403, 'PRIVILEGE_APPROVER_NOT_DIFFERENT']);
    expect(
      outcome(await send(testApp, victimAccount, 'POST', `/api/privilege-grants/${pendingId}/approve`)),
    ).toEqual([403, 'FORBIDDEN']);
    // Asking again does not stack up requests or make the role effective.
    const again = await grant(attacker, victim.id, [{ role: 'coordinator' }]);
    expect(again.pendingGrants.map((pending) => pending.id)).toEqual([pendingId]);
    expect(
      outcome(await send(testApp, victimAccount, 'POST', `/api/alerts/${alertId}/approve`, { contentHash })),
    ).toEqual([403, 'FORBIDDEN']);

    const alert = await call(testApp, 'GET', `/api/alerts/${alertId}`, attacker);
    expect(alert.json<{ alert: { state: string } }>().alert.state).toBe('draft');
    const actions = await auditActions(testWorld.network.id, victim.id);
    expect(actions).toContainEqual({ action: 'member.privilegeGrantRequested', actor: attacker.id });
    expect(actions.filter((entry) => entry.action === 'member.roleGranted')).toEqual([]);
  });

  it('(h) a second admin approves with step-up; the new coordinator still approves nothing during the cooling-off', async () => {
    const testWorld = await world();
    const { attacker, victim, admin: secondAdmin } = testWorld;
    const alertId = await draftAlert(testWorld, attacker);
    const { pendingGrants } = await grant(attacker, victim.id, [{ role: 'coordinator' }]);
    const grantId = pendingGrants[0]!.id;

    // The second admin sees it listed, and must step up to approve.
    const listed = await call(testApp, 'GET', '/api/privilege-grants', secondAdmin);
    expect(
      listed.json<{ grants: { id: string; memberName: string; requesterName: string }[] }>().grants,
    ).toEqual([
      expect.objectContaining({
        id: grantId,
        memberName: victim.displayName,
        requesterName: attacker.displayName,
      }),
    ]);
    const stale = await member(testApp.context, testWorld.network.id, { roles: [{ role: 'admin' }] }, false);
    expect(outcome(await call(testApp, 'POST', `/api/privilege-grants/${grantId}/approve`, stale))).toEqual([
      403,
      'STEP_UP_REQUIRED',
    ]);
    const approved = await call(testApp, 'POST', `/api/privilege-grants/${grantId}/approve`, secondAdmin);
    expect(approved.statusCode).toBe(200);
    expect(approved.json<{ coolingOffUntil: number }>().coolingOffUntil).toBe(testApp.clock.now() + dayMs);
    expect(
      outcome(await call(testApp, 'POST', `/api/privilege-grants/${grantId}/approve`, secondAdmin)),
    ).toEqual([409, 'PRIVILEGE_GRANT_NOT_PENDING']);
    const actions = await auditActions(testWorld.network.id, victim.id);
    expect(actions).toEqual(
      expect.arrayContaining([
        { action: 'member.privilegeGrantRequested', actor: attacker.id },
        { action: 'member.privilegeGrantApproved', actor: secondAdmin.id },
      ]),
    );

    // Coordinator now, but cooling off: the approval is refused with its own code.
    const newCoordinator = await steppedUp(victim);
    expect(outcome(await approve(testApp, alertId, newCoordinator))).toEqual([403, 'PRIVILEGE_COOLING_OFF']);
    testApp.clock.advance(dayMs - hourMs);
    expect(outcome(await approve(testApp, alertId, await steppedUp(victim)))).toEqual([
      403,
      'PRIVILEGE_COOLING_OFF',
    ]);
    // After the cooling-off the same call goes through: the refusal was the cooling-off alone.
    testApp.clock.advance(2 * hourMs);
    const later = await approve(testApp, alertId, await steppedUp(victim));
    expect(later.statusCode).toBe(200);
  });

  it('(i) the cooling-off is a network setting, bounded so it cannot be switched off', async () => {
    const testWorld = await world();
    const { attacker, victim } = testWorld;
    const admin = testWorld.admin;
    const patch = (hours: number) =>
      testApp.app.inject({
        method: 'PATCH',
        url: '/api/network',
        headers: admin.session.headers,
        payload: { settings: { privilegeCoolingOffHours: hours } },
      });
    expect(outcome(await patch(0))).toEqual([400, 'VALIDATION_FAILED']);
    expect((await patch(72)).statusCode).toBe(200);
    const alertId = await draftAlert(testWorld, attacker);
    const { pendingGrants } = await grant(attacker, victim.id, [{ role: 'coordinator' }]);
    const approved = await call(
      testApp,
      'POST',
      `/api/privilege-grants/${pendingGrants[0]!.id}/approve`,
      admin,
    );
    expect(approved.json<{ coolingOffUntil: number }>().coolingOffUntil).toBe(
      testApp.clock.now() + 72 * hourMs,
    );
    testApp.clock.advance(48 * hourMs);
    expect(outcome(await approve(testApp, alertId, await steppedUp(victim)))).toEqual([
      403,
      'PRIVILEGE_COOLING_OFF',
    ]);
  });

  it('(j) recovering a member who was coordinator in the last 30 days, or is waiting to be, needs a second approver', async () => {
    const testWorld = await world();
    const { attacker, admin: secondAdmin } = testWorld;
    // A coordinator whose role the attacker ends, to then take the account over "as a responder".
    const former = await member(testApp.context, testWorld.network.id, { roles: [{ role: 'coordinator' }] });
    await grant(attacker, former.id, [{ role: 'responder' }]);
    const created = await call(testApp, 'POST', `/api/members/${former.id}/recovery-links`, attacker);
    const link = created.json<{ id: string; url: string; needsApproval: boolean }>();
    expect(link.needsApproval).toBe(true);
    const path = new URL(link.url).pathname;
    // The link does not open until a second person approves it.
    expect(pageErrorCode((await openRecoveryForm(testApp, path)).page)).toBe('RECOVERY_LINK_NOT_APPROVED');
    const approveUrl = `/api/members/${former.id}/recovery-links/${link.id}/approve`;
    expect(outcome(await call(testApp, 'POST', approveUrl, attacker))).toEqual([
      403,
      'RECOVERY_APPROVER_NOT_DIFFERENT',
    ]);
    expect((await call(testApp, 'POST', approveUrl, secondAdmin)).statusCode).toBe(200);

    // A responder with a pending coordinator grant is treated the same way.
    const { victim } = testWorld;
    await grant(attacker, victim.id, [{ role: 'responder' }, { role: 'coordinator' }]);
    const forPending = await call(testApp, 'POST', `/api/members/${victim.id}/recovery-links`, attacker);
    expect(forPending.json<{ needsApproval: boolean }>().needsApproval).toBe(true);

    // After 30 days without the role, one admin is enough again (ADR 0011's rule for others).
    testApp.clock.advance(31 * dayMs);
    const later = await call(
      testApp,
      'POST',
      `/api/members/${former.id}/recovery-links`,
      await steppedUp(attacker),
    );
    expect(later.json<{ needsApproval: boolean }>().needsApproval).toBe(false);
  });

  it('(k) granting admin needs two as well; replacing roles withdraws a pending grant; bad ids are 4xx', async () => {
    const testWorld = await world();
    const { attacker, victim, admin: secondAdmin } = testWorld;
    const asked = await grant(attacker, victim.id, [{ role: 'responder' }, { role: 'admin' }]);
    expect(asked.roles).toEqual([{ role: 'responder', areaId: null }]);
    const grantId = asked.pendingGrants[0]!.id;
    // The attacker changes their mind (or hides the trail): the request is withdrawn, not approvable.
    const replaced = await grant(attacker, victim.id, [{ role: 'responder' }]);
    expect(replaced.pendingGrants).toEqual([]);
    expect(
      outcome(await call(testApp, 'POST', `/api/privilege-grants/${grantId}/approve`, secondAdmin)),
    ).toEqual([409, 'PRIVILEGE_GRANT_NOT_PENDING']);
    const listed = await call(testApp, 'GET', '/api/privilege-grants', secondAdmin);
    expect(listed.json<{ grants: unknown[] }>().grants).toEqual([]);

    // An admin who is the member receiving a grant cannot approve it.
    const otherAdmin = await member(testApp.context, testWorld.network.id, { roles: [{ role: 'admin' }] });
    const forAdmin = await grant(attacker, otherAdmin.id, [{ role: 'admin' }, { role: 'coordinator' }]);
    expect(
      outcome(
        await call(
          testApp,
          'POST',
          `/api/privilege-grants/${forAdmin.pendingGrants[0]!.id}/approve`,
          otherAdmin,
        ),
      ),
    ).toEqual([403, 'PRIVILEGE_APPROVER_NOT_DIFFERENT']);

    // Malformed, unknown and other networks' ids.
    expect(
      outcome(await call(testApp, 'POST', '/api/privilege-grants/not-an-id/approve', secondAdmin)),
    ).toEqual([400, 'VALIDATION_FAILED']);
    expect(
      outcome(
        await call(
          testApp,
          'POST',
          '/api/privilege-grants/0190a000-0000-7000-8000-000000000000/approve',
          secondAdmin,
        ),
      ),
    ).toEqual([404, 'PRIVILEGE_GRANT_NOT_FOUND']);
    const elsewhere = await buildAlertWorld(testApp);
    expect(
      outcome(
        await call(
          testApp,
          'POST',
          `/api/privilege-grants/${forAdmin.pendingGrants[0]!.id}/approve`,
          elsewhere.admin,
        ),
      ),
    ).toEqual([404, 'PRIVILEGE_GRANT_NOT_FOUND']);
  });

  it('(l) a member signs in for the first time and reaches no work API until a second factor is enrolled', async () => {
    const testWorld = await world();
    const newcomer = await buildMember(testApp.context, {
      networkId: testWorld.network.id,
      roles: [{ role: 'dispatcher' }],
      withTotp: false,
    });
    const fresh = newClient();
    expect((await signInWithPassword(testApp, fresh, newcomer.email, newcomer.password!)).statusCode).toBe(
      200,
    );
    for (const url of ['/api/incidents', '/api/members', '/api/alerts', '/api/network']) {
      expect(outcome(await send(testApp, fresh, 'GET', url)), url).toEqual([403, 'SECOND_FACTOR_REQUIRED']);
    }
    // Their own session, enrolment and sign-out stay open.
    expect((await send(testApp, fresh, 'GET', '/api/auth/session')).statusCode).toBe(200);
    const { secret } = (await send(testApp, fresh, 'POST', '/api/auth/totp/enroll')).json<{
      secret: string;
    }>();
    expect(
      (
        await send(testApp, fresh, 'POST', '/api/auth/totp/confirm', {
          code: totpCodeAt(secret, testApp.clock.now()),
        })
      ).statusCode,
    ).toBe(200);
    expect((await send(testApp, fresh, 'GET', '/api/network')).statusCode).toBe(200);
    expect((await send(testApp, fresh, 'GET', '/api/incidents')).statusCode).toBe(200);
  });
});
