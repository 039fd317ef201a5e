import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildMember, buildNetwork, buildPasskey, signIn } from '../support/factories.ts';
import type { BuiltMember, MemberOptions } from '../support/factories.ts';
import { errorCodeOf, newClient, signInWithPassword } from '../auth/auth-support.ts';
import { openRecoveryForm, pageErrorCode, postRecoveryForm } from './recovery-support.ts';

const newPassword = 'a brand new passphrase for Ana';
const hourMs = 60 * 60 * 1000;

interface CreatedLink {
  id: string;
  url: string;
  expiresAt: number;
  needsApproval: boolean;
}

describeEachDatabase('admin-assisted recovery links', (dialect) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp(dialect);
  });
  afterAll(() => testApp.close());

  const member = (networkId: string, options: Partial<MemberOptions> = {}) =>
    buildMember(testApp.context, { networkId, ...options });

  async function world() {
    const network = await buildNetwork(testApp.context);
    const admin = await member(network.id, { roles: [{ role: 'admin' }], withTotp: true });
    const target = await member(network.id, { roles: [{ role: 'responder' }], withTotp: true });
    return { network, admin, target };
  }

  async function createLink(caller: BuiltMember, targetId: string, stepUp = true) {
    const session = await signIn(testApp.context, caller, { secondFactorProved: stepUp });
    return testApp.app.inject({
      method: 'POST',
      url: `/api/members/${targetId}/recovery-links`,
      headers: session.headers,
    });
  }

  const pathOf = (response: { json<T>(): T }) => new URL(response.json<CreatedLink>().url).pathname;

  async function recover(path: string, password = newPassword) {
    const form = await openRecoveryForm(testApp, path);
    return { form, response: await postRecoveryForm(testApp, path, form, password) };
  }

  async function auditOf(networkId: string, memberId: string) {
    return testApp.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_member_id', 'metadata'])
      .where('chain', '=', networkId)
      .where('object_id', '=', memberId)
      .where('action', 'like', 'member.%')
      .orderBy('seq')
      .execute();
  }

  it('lets a member who lost every factor set a new password; sessions and factors end', async () => {
    const { network, admin, target } = await world();
    await buildPasskey(testApp.context, target.id);
    const oldSession = await signIn(testApp.context, target, { secondFactorProved: true });
    const before = await testApp.app.inject({
      method: 'GET',
      url: '/api/auth/session',
      headers: oldSession.headers,
    });
    expect(before.statusCode).toBe(200);

    const created = await createLink(admin, target.id);
    expect(created.statusCode).toBe(201);
    const body = created.json<CreatedLink>();
    expect(Object.keys(body).sort()).toEqual(['expiresAt', 'id', 'needsApproval', 'url']);
    expect(body.needsApproval).toBe(false);
    expect(body.expiresAt).toBe(testApp.clock.now() + 24 * hourMs);
    expect(body.url).toMatch(/\/recover\/[A-Za-z0-9_-]{43}$/);
    // Only the token's hash is stored.
    const token = body.url.split('/').pop() ?? '';
    const row = await testApp.database.db
      .selectFrom('member_recovery_links')
      .selectAll()
      .where('id', '=', body.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(token);

    const { form, response } = await recover(pathOf(created));
    expect(form.page.statusCode).toBe(200);
    expect(form.page.body).toContain('new-password');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('passkey');

    const after = await testApp.app.inject({
      method: 'GET',
      url: '/api/auth/session',
      headers: oldSession.headers,
    });
    expect(after.statusCode).toBe(401);
    const factors = await Promise.all([
      testApp.database.db
        .selectFrom('totp_credentials')
        .select('member_id')
        .where('member_id', '=', target.id)
        .execute(),
      testApp.database.db
        .selectFrom('webauthn_credentials')
        .select('id')
        .where('member_id', '=', target.id)
        .execute(),
    ]);
    expect(factors).toEqual([[], []]);

    const oldPassword = await signInWithPassword(testApp, newClient(), target.email, target.password ?? '');
    expect(errorCodeOf(oldPassword)).toBe('SIGN_IN_FAILED');
    const signedIn = await signInWithPassword(testApp, newClient(), target.email, newPassword);
    expect(signedIn.statusCode).toBe(200);
    // No factor left: the password alone gives a session, and the member must enroll again.
    expect(signedIn.json<{ status: string }>().status).toBe('signed_in');

    const audit = await auditOf(network.id, target.id);
    expect(audit.map((entry) => [entry.action, entry.actor_member_id])).toEqual([
      ['member.recoveryLinkCreated', admin.id],
      ['member.recovered', target.id],
    ]);
    const recovered = JSON.parse(audit[1]?.metadata ?? '{}') as Record<string, unknown>;
    expect(recovered).toEqual({
      linkId: body.id,
      createdBy: admin.id,
      approvedBy: null,
      sessionsEnded: 1,
      totpRemoved: true,
      passkeysRemoved: 1,
    });
    const everything = JSON.stringify(audit);
    for (const secret of [token, newPassword, target.email]) expect(everything).not.toContain(secret);
  });

  it('works once: a reused link is refused with RECOVERY_LINK_USED', async () => {
    const { admin, target } = await world();
    const path = pathOf(await createLink(admin, target.id));
    const form = await openRecoveryForm(testApp, path);
    expect((await postRecoveryForm(testApp, path, form, newPassword)).statusCode).toBe(200);
    const again = await postRecoveryForm(testApp, path, form, 'another long passphrase');
    expect([again.statusCode, pageErrorCode(again)]).toEqual([409, 'RECOVERY_LINK_USED']);
    expect(again.body).toContain('already been used');
    const reopened = await openRecoveryForm(testApp, path);
    expect([reopened.page.statusCode, pageErrorCode(reopened.page)]).toEqual([409, 'RECOVERY_LINK_USED']);
    const signedIn = await signInWithPassword(testApp, newClient(), target.email, 'another long passphrase');
    expect(errorCodeOf(signedIn)).toBe('SIGN_IN_FAILED');
  });

  it('expires after 24 hours with RECOVERY_LINK_EXPIRED', async () => {
    const { admin, target } = await world();
    const path = pathOf(await createLink(admin, target.id));
    const form = await openRecoveryForm(testApp, path);
    testApp.clock.advance(24 * hourMs);
    const late = await postRecoveryForm(testApp, path, form, newPassword);
    expect([late.statusCode, pageErrorCode(late)]).toEqual([410, 'RECOVERY_LINK_EXPIRED']);
    const signedIn = await signInWithPassword(testApp, newClient(), target.email, target.password ?? '');
    expect(signedIn.statusCode).toBe(200);
  });

  it('voids the previous link when a new one is made', async () => {
    const { network, admin, target } = await world();
    const first = pathOf(await createLink(admin, target.id));
    const secondResponse = await createLink(admin, target.id);
    const old = await openRecoveryForm(testApp, first);
    expect([old.page.statusCode, pageErrorCode(old.page)]).toEqual([410, 'RECOVERY_LINK_VOIDED']);
    expect((await recover(pathOf(secondResponse))).response.statusCode).toBe(200);
    const created = (await auditOf(network.id, target.id)).filter(
      (entry) => entry.action === 'member.recoveryLinkCreated',
    );
    expect(JSON.parse(created[1]?.metadata ?? '{}')).toMatchObject({ voidedLinkIds: [expect.any(String)] });
  });

  it('refuses wrong roles, a stale step-up, probationary admins, other networks and oneself', async () => {
    const { network, admin, target } = await world();
    const coordinator = await member(network.id, { roles: [{ role: 'coordinator' }], withTotp: true });
    const dispatcher = await member(network.id, { roles: [{ role: 'dispatcher' }], withTotp: true });
    const probationaryAdmin = await member(network.id, {
      roles: [{ role: 'admin' }],
      withTotp: true,
      status: 'probationary',
    });
    const other = await buildNetwork(testApp.context);
    const outsiderAdmin = await member(other.id, { roles: [{ role: 'admin' }], withTotp: true });
    const cases: [BuiltMember, string, boolean, number, string][] = [
      [coordinator, target.id, true, 403, 'FORBIDDEN'],
      [dispatcher, target.id, true, 403, 'FORBIDDEN'],
      [target, target.id, true, 403, 'FORBIDDEN'],
      [probationaryAdmin, target.id, true, 403, 'FORBIDDEN'],
      [admin, target.id, false, 403, 'STEP_UP_REQUIRED'],
      [outsiderAdmin, target.id, true, 404, 'MEMBER_NOT_FOUND'],
      [admin, admin.id, true, 403, 'CANNOT_RECOVER_SELF'],
    ];
    for (const [caller, targetId, stepUp, status, code] of cases) {
      const response = await createLink(caller, targetId, stepUp);
      expect([response.statusCode, errorCodeOf(response)], `${code}`).toEqual([status, code]);
    }
    const unauthenticated = await testApp.app.inject({
      method: 'POST',
      url: `/api/members/${target.id}/recovery-links`,
    });
    expect(unauthenticated.statusCode).toBe(401);
    const links = await testApp.database.db
      .selectFrom('member_recovery_links')
      .select('id')
      .where('member_id', 'in', [target.id, admin.id])
      .execute();
    expect(links).toEqual([]);
  });

  it('answers unknown and malformed links with RECOVERY_LINK_INVALID, and a removed member too', async () => {
    const { network, admin } = await world();
    for (const path of [`/recover/${'x'.repeat(43)}`, '/recover/short']) {
      const page = await openRecoveryForm(testApp, path);
      expect([page.page.statusCode, pageErrorCode(page.page)]).toEqual([404, 'RECOVERY_LINK_INVALID']);
    }
    const leaving = await member(network.id, { roles: [{ role: 'responder' }] });
    const path = pathOf(await createLink(admin, leaving.id));
    await testApp.database.db
      .updateTable('members')
      .set({ status: 'removed' })
      .where('id', '=', leaving.id)
      .execute();
    const page = await openRecoveryForm(testApp, path);
    expect([page.page.statusCode, pageErrorCode(page.page)]).toEqual([404, 'RECOVERY_LINK_INVALID']);
    const removedAgain = await createLink(admin, leaving.id);
    expect(errorCodeOf(removedAgain)).toBe('MEMBER_REMOVED');
  });

  it('refuses a post without the form cookie or token, and keeps the link usable', async () => {
    const { admin, target } = await world();
    const path = pathOf(await createLink(admin, target.id));
    const form = await openRecoveryForm(testApp, path);
    const noCookie = await postRecoveryForm(testApp, path, { ...form, formCookie: '' }, newPassword);
    expect([noCookie.statusCode, pageErrorCode(noCookie)]).toEqual([403, 'CSRF_FAILED']);
    const json = await testApp.app.inject({
      method: 'POST',
      url: path,
      headers: { cookie: form.formCookie },
      payload: { _csrf: form.csrf, password: newPassword },
    });
    expect(json.statusCode).toBe(403);
    const short = await postRecoveryForm(testApp, path, form, 'short');
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('Use 12 to 256 characters.');
    expect(short.body).not.toContain('value="short"');
    expect((await postRecoveryForm(testApp, path, form, newPassword)).statusCode).toBe(200);
  });

  it('rate-limits link attempts per address prefix', async () => {
    const address = '10.99.1.5';
    const path = `/recover/${'y'.repeat(43)}`;
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 21; attempt += 1) {
      statuses.push((await openRecoveryForm(testApp, path, address)).page.statusCode);
    }
    expect(statuses.slice(0, 20).every((status) => status === 404)).toBe(true);
    const limited = await openRecoveryForm(testApp, path, '10.99.1.77');
    expect([limited.page.statusCode, pageErrorCode(limited.page)]).toEqual([429, 'RATE_LIMITED']);
    expect(limited.page.headers['retry-after']).toBeDefined();
    expect(statuses[20]).toBe(429);
    // Another prefix is not affected.
    expect((await openRecoveryForm(testApp, path, '10.98.1.5')).page.statusCode).toBe(404);
  });

  it('caps posts in total, but opening a page is never blocked by other people’s posts', async () => {
    testApp.clock.advance(10_000); // a full global bucket
    const path = `/recover/${'z'.repeat(43)}`;
    const posts: number[] = [];
    for (let attempt = 0; attempt < 61; attempt += 1) {
      const form = {
        formCookie: '',
        csrf: '',
        address: `10.${100 + Math.floor(attempt / 250)}.${attempt % 250}.9`,
      };
      const response = await postRecoveryForm(testApp, path, form, newPassword);
      posts.push(response.statusCode);
    }
    expect(posts.slice(0, 60).every((status) => status === 403)).toBe(true);
    expect(posts[60]).toBe(429);
    expect((await openRecoveryForm(testApp, path, '10.97.1.5')).page.statusCode).toBe(404);
    testApp.clock.advance(10_000);
  });
});
