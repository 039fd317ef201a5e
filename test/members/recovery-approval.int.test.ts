import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildMember, buildNetwork, signIn } from '../support/factories.ts';
import type { BuiltMember, MemberOptions } from '../support/factories.ts';
import { errorCodeOf, newClient, send, signInWithPassword } from '../auth/auth-support.ts';
import { openRecoveryForm, pageErrorCode, postRecoveryForm } from './recovery-support.ts';

const newPassword = 'the approved new passphrase';

interface CreatedLink {
  id: string;
  url: string;
  expiresAt: number;
  needsApproval: boolean;
}

/** The two-person rule: recovering an admin or coordinator needs a second, different approver. */
describeEachDatabase('recovery links for admins and coordinators', (dialect) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp(dialect);
  });
  afterAll(() => testApp.close());

  const member = (networkId: string, options: Partial<MemberOptions> = {}) =>
    buildMember(testApp.context, { networkId, withTotp: true, ...options });

  async function post(caller: BuiltMember, url: string, stepUp = true) {
    const session = await signIn(testApp.context, caller, { secondFactorProved: stepUp });
    return testApp.app.inject({ method: 'POST', url, headers: session.headers });
  }

  async function world(targetRole: 'admin' | 'coordinator' = 'admin') {
    const network = await buildNetwork(testApp.context);
    const creator = await member(network.id, { roles: [{ role: 'admin' }] });
    const secondAdmin = await member(network.id, { roles: [{ role: 'admin' }] });
    const coordinator = await member(network.id, { roles: [{ role: 'coordinator' }] });
    const target = await member(network.id, { roles: [{ role: targetRole }] });
    const created = await post(creator, `/api/members/${target.id}/recovery-links`);
    expect(created.statusCode).toBe(201);
    const link = created.json<CreatedLink>();
    const approveUrl = `/api/members/${target.id}/recovery-links/${link.id}/approve`;
    return {
      network,
      creator,
      secondAdmin,
      coordinator,
      target,
      link,
      approveUrl,
      path: new URL(link.url).pathname,
    };
  }

  it('needs a second admin or coordinator for an admin; the creator and the member cannot approve', async () => {
    const { network, creator, secondAdmin, coordinator, target, link, approveUrl, path } =
      await world('admin');
    expect(link.needsApproval).toBe(true);
    const waiting = await openRecoveryForm(testApp, path);
    expect([waiting.page.statusCode, pageErrorCode(waiting.page)]).toEqual([
      409,
      'RECOVERY_LINK_NOT_APPROVED',
    ]);

    const dispatcher = await member(network.id, { roles: [{ role: 'dispatcher' }] });
    const other = await buildNetwork(testApp.context);
    const outsider = await member(other.id, { roles: [{ role: 'admin' }] });
    const refusals: [BuiltMember, boolean, number, string][] = [
      [creator, true, 403, 'RECOVERY_APPROVER_NOT_DIFFERENT'],
      [target, true, 403, 'RECOVERY_APPROVER_NOT_DIFFERENT'],
      [dispatcher, true, 403, 'FORBIDDEN'],
      [outsider, true, 404, 'RECOVERY_LINK_NOT_FOUND'],
      [secondAdmin, false, 403, 'STEP_UP_REQUIRED'],
    ];
    for (const [caller, stepUp, status, code] of refusals) {
      const response = await post(caller, approveUrl, stepUp);
      expect([response.statusCode, errorCodeOf(response)], code).toEqual([status, code]);
    }
    // A link id under another member's path is not found.
    const misplaced = await post(secondAdmin, `/api/members/${creator.id}/recovery-links/${link.id}/approve`);
    expect([misplaced.statusCode, errorCodeOf(misplaced)]).toEqual([404, 'RECOVERY_LINK_NOT_FOUND']);
    expect(pageErrorCode((await openRecoveryForm(testApp, path)).page)).toBe('RECOVERY_LINK_NOT_APPROVED');

    const approved = await post(coordinator, approveUrl);
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toEqual({ id: link.id, approvedAt: testApp.clock.now() });
    const twice = await post(secondAdmin, approveUrl);
    expect([twice.statusCode, errorCodeOf(twice)]).toEqual([409, 'RECOVERY_LINK_ALREADY_APPROVED']);

    const form = await openRecoveryForm(testApp, path);
    expect(form.page.statusCode).toBe(200);
    expect((await postRecoveryForm(testApp, path, form, newPassword)).statusCode).toBe(200);

    // The recovered admin signs in, but cannot act as admin until a factor is enrolled again.
    const client = newClient();
    const signedIn = await signInWithPassword(testApp, client, target.email, newPassword);
    expect(signedIn.json<{ status: string }>().status).toBe('signed_in');
    const invite = await send(testApp, client, 'POST', '/api/invitations', {
      roles: [{ role: 'responder' }],
    });
    expect([invite.statusCode, errorCodeOf(invite)]).toEqual([403, 'SECOND_FACTOR_REQUIRED']);

    const audit = await testApp.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_member_id', 'metadata'])
      .where('chain', '=', network.id)
      .where('object_id', '=', target.id)
      .where('action', 'like', 'member.%')
      .orderBy('seq')
      .execute();
    expect(audit.map((entry) => [entry.action, entry.actor_member_id])).toEqual([
      ['member.recoveryLinkCreated', creator.id],
      ['member.recoveryLinkApproved', coordinator.id],
      ['member.recovered', target.id],
    ]);
    expect(JSON.parse(audit[2]?.metadata ?? '{}')).toMatchObject({
      linkId: link.id,
      createdBy: creator.id,
      approvedBy: coordinator.id,
    });
  });

  it('needs approval for a coordinator too, and a second admin may give it', async () => {
    const { secondAdmin, target, link, approveUrl, path } = await world('coordinator');
    expect(link.needsApproval).toBe(true);
    expect((await post(secondAdmin, approveUrl)).statusCode).toBe(200);
    const form = await openRecoveryForm(testApp, path);
    expect((await postRecoveryForm(testApp, path, form, newPassword)).statusCode).toBe(200);
    const signedIn = await signInWithPassword(testApp, newClient(), target.email, newPassword);
    expect(signedIn.statusCode).toBe(200);
  });

  it('refuses to approve a link that needs no approval, an expired one, or a used one', async () => {
    const network = await buildNetwork(testApp.context);
    const admin = await member(network.id, { roles: [{ role: 'admin' }] });
    const coordinator = await member(network.id, { roles: [{ role: 'coordinator' }] });
    const responder = await member(network.id, { roles: [{ role: 'responder' }] });
    const created = (await post(admin, `/api/members/${responder.id}/recovery-links`)).json<CreatedLink>();
    expect(created.needsApproval).toBe(false);
    const approveUrl = `/api/members/${responder.id}/recovery-links/${created.id}/approve`;
    const needless = await post(coordinator, approveUrl);
    expect([needless.statusCode, errorCodeOf(needless)]).toEqual([409, 'RECOVERY_APPROVAL_NOT_NEEDED']);

    const path = new URL(created.url).pathname;
    const form = await openRecoveryForm(testApp, path);
    expect((await postRecoveryForm(testApp, path, form, newPassword)).statusCode).toBe(200);
    const used = await post(coordinator, approveUrl);
    expect([used.statusCode, errorCodeOf(used)]).toEqual([409, 'RECOVERY_LINK_USED']);

    const target = await member(network.id, { roles: [{ role: 'admin' }] });
    const late = (await post(admin, `/api/members/${target.id}/recovery-links`)).json<CreatedLink>();
    testApp.clock.advance(24 * 60 * 60 * 1000 + 1);
    const expired = await post(coordinator, `/api/members/${target.id}/recovery-links/${late.id}/approve`);
    expect([expired.statusCode, errorCodeOf(expired)]).toEqual([410, 'RECOVERY_LINK_EXPIRED']);
  });

  it('asks for approval when the member was made an admin after the link was created', async () => {
    const network = await buildNetwork(testApp.context);
    const admin = await member(network.id, { roles: [{ role: 'admin' }] });
    const secondAdmin = await member(network.id, { roles: [{ role: 'admin' }] });
    const promoted = await member(network.id, { roles: [{ role: 'responder' }] });
    const created = (await post(admin, `/api/members/${promoted.id}/recovery-links`)).json<CreatedLink>();
    expect(created.needsApproval).toBe(false);
    await testApp.database.db
      .updateTable('member_roles')
      .set({ role: 'admin' })
      .where('member_id', '=', promoted.id)
      .execute();
    const path = new URL(created.url).pathname;
    const page = await openRecoveryForm(testApp, path);
    expect(pageErrorCode(page.page)).toBe('RECOVERY_LINK_NOT_APPROVED');
    const approved = await post(
      secondAdmin,
      `/api/members/${promoted.id}/recovery-links/${created.id}/approve`,
    );
    expect(approved.statusCode).toBe(200);
    expect((await openRecoveryForm(testApp, path)).page.statusCode).toBe(200);
  });
});
