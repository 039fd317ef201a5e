import { afterEach, beforeEach, expect, it } from 'vitest';
import { createFirstNetwork, issueSetupTokenIfNeeded } from '../../server/modules/identity/setup/index.ts';
import { memberDepsFrom } from '../../server/modules/identity/members/index.ts';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import type { ErrorBody } from '../members/responses.ts';

const setupInput = {
  networkName: 'Pilsen Rapid Response',
  slug: 'pilsen-rrn',
  timezone: 'America/Chicago',
  adminDisplayName: 'Marta',
  email: 'marta@example.test',
  password: 'a long enough passphrase',
};

describeEachDatabase('first setup', (dialect) => {
  // Setup only works on an empty deployment: every test gets its own.
  let testApp: TestApp;
  beforeEach(async () => {
    testApp = await createTestApp(dialect);
  });
  afterEach(() => testApp.close());

  const issueToken = async () =>
    (await issueSetupTokenIfNeeded({ db: testApp.database.db, clock: testApp.clock }))!;

  function postJson(token: string, payload: object) {
    return testApp.app.inject({ method: 'POST', url: `/setup/${token}`, payload });
  }

  it('creates the network and an active admin in one step, signed in, and the link works once', async () => {
    const token = await issueToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const page = await testApp.app.inject({ method: 'GET', url: `/setup/${token}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<form method="post"');

    const response = await postJson(token, setupInput);
    expect(response.statusCode).toBe(201);
    const body = response.json<{ networkId: string; memberId: string; csrfToken: string; next: string }>();
    expect(body.next).toBe('enroll-second-factor');
    const cookie = String(response.headers['set-cookie']).split(';')[0]!;
    expect(cookie).toMatch(/^__Host-amparo_session=/);

    const db = testApp.database.db;
    expect(await db.selectFrom('networks').select(['id', 'slug', 'name', 'timezone']).execute()).toEqual([
      { id: body.networkId, slug: 'pilsen-rrn', name: 'Pilsen Rapid Response', timezone: 'America/Chicago' },
    ]);
    const admin = await db
      .selectFrom('members')
      .selectAll()
      .where('id', '=', body.memberId)
      .executeTakeFirstOrThrow();
    expect(admin).toMatchObject({ network_id: body.networkId, status: 'active' });
    expect(admin.password_hash).toMatch(/^\$argon2id\$/);
    expect(testApp.context.crypto.decrypt(admin.email_enc, 'members.email')).toBe(setupInput.email);
    expect(
      await db
        .selectFrom('member_roles')
        .select(['role', 'area_id'])
        .where('member_id', '=', admin.id)
        .execute(),
    ).toEqual([{ role: 'admin', area_id: null }]);
    const audit = await db
      .selectFrom('audit_log')
      .select(['chain', 'action'])
      .orderBy('created_at')
      .orderBy('seq')
      .execute();
    expect(audit).toEqual(
      expect.arrayContaining([
        { chain: body.networkId, action: 'network.created' },
        { chain: body.networkId, action: 'member.joined' },
        { chain: '-', action: 'setup.completed' },
      ]),
    );
    expect(JSON.stringify(await db.selectFrom('audit_log').select('metadata').execute())).not.toContain(
      'marta',
    );

    // The new admin is signed in, but every work API waits until a second factor is enrolled.
    const invite = await testApp.app.inject({
      method: 'POST',
      url: '/api/invitations',
      headers: { cookie, 'x-csrf-token': body.csrfToken },
      payload: { roles: [{ role: 'viewer' }] },
    });
    expect(invite.json<ErrorBody>().error.code).toBe('SECOND_FACTOR_REQUIRED');
    const list = await testApp.app.inject({ method: 'GET', url: '/api/members', headers: { cookie } });
    expect(list.json<ErrorBody>().error.code).toBe('SECOND_FACTOR_REQUIRED');
    const session = await testApp.app.inject({
      method: 'GET',
      url: '/api/auth/session',
      headers: { cookie },
    });
    expect(session.json<{ hasSecondFactor: boolean }>().hasSecondFactor).toBe(false);

    const reuse = await postJson(token, { ...setupInput, slug: 'second', email: 'other@example.test' });
    expect([reuse.statusCode, reuse.json<ErrorBody>().error.code]).toEqual([409, 'SETUP_ALREADY_DONE']);
    expect((await testApp.app.inject({ method: 'GET', url: `/setup/${token}` })).statusCode).toBe(409);
    expect(await issueSetupTokenIfNeeded({ db, clock: testApp.clock })).toBeNull();
    expect(await db.selectFrom('networks').select('id').execute()).toHaveLength(1);
  });

  it('refuses unknown, replaced and expired links without creating anything', async () => {
    const replaced = await issueToken();
    const current = await issueToken();
    for (const token of [replaced, 'A'.repeat(43), 'nonsense']) {
      const response = await postJson(token, setupInput);
      expect([response.statusCode, response.json<ErrorBody>().error.code]).toEqual([
        403,
        'SETUP_TOKEN_INVALID',
      ]);
      expect((await testApp.app.inject({ method: 'GET', url: `/setup/${token}` })).statusCode).toBe(403);
    }
    testApp.clock.advance(24 * 60 * 60 * 1000);
    const expired = await postJson(current, setupInput);
    expect([expired.statusCode, expired.json<ErrorBody>().error.code]).toEqual([403, 'SETUP_TOKEN_INVALID']);
    expect(await testApp.database.db.selectFrom('networks').select('id').execute()).toEqual([]);
    expect(await testApp.database.db.selectFrom('members').select('id').execute()).toEqual([]);
  });

  it('validates every field and keeps the link usable after a mistake', async () => {
    const token = await issueToken();
    for (const [field, value] of [
      ['slug', 'Has Spaces'],
      ['timezone', 'Mars/Olympus_Mons'],
      ['password', 'short'],
      ['email', 'nope'],
      ['networkName', ''],
    ] as const) {
      const response = await postJson(token, { ...setupInput, [field]: value });
      expect(response.statusCode).toBe(400);
      expect(response.json<ErrorBody>().error.details?.map((detail) => detail.path)).toEqual([field]);
    }
    expect((await postJson(token, setupInput)).statusCode).toBe(201);
  });

  it('works as a plain HTML form protected by a browser-bound token', async () => {
    const token = await issueToken();
    const page = await testApp.app.inject({ method: 'GET', url: `/setup/${token}` });
    const formCookie = String(page.headers['set-cookie']).split(';')[0]!;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const post = (cookie: string, fields: Record<string, string>) =>
      testApp.app.inject({
        method: 'POST',
        url: `/setup/${token}`,
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(fields).toString(),
      });
    expect((await post('', { ...setupInput, _csrf: csrf })).statusCode).toBe(403);
    const invalid = await post(formCookie, { ...setupInput, slug: '<b>', _csrf: csrf });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain('value="&lt;b&gt;"');
    const created = await post(formCookie, { ...setupInput, _csrf: csrf });
    expect(created.statusCode).toBe(201);
    expect(created.body).toContain('passkey');
    expect(String(created.headers['set-cookie'])).toContain('__Host-amparo_session=');
  });

  it('serves the command line through the same service, once', async () => {
    const deps = memberDepsFrom(testApp.context);
    const created = await createFirstNetwork(deps, {
      setupToken: null,
      input: setupInput,
      startSession: false,
    });
    expect(created.session).toBeNull();
    await expect(
      createFirstNetwork(deps, {
        setupToken: null,
        input: { ...setupInput, slug: 'other' },
        startSession: false,
      }),
    ).rejects.toMatchObject({ code: 'SETUP_ALREADY_DONE' });
  });

  it('lets only one of two simultaneous setups win', async () => {
    const token = await issueToken();
    const deps = memberDepsFrom(testApp.context);
    const results = await Promise.allSettled([
      postJson(token, setupInput),
      createFirstNetwork(deps, {
        setupToken: null,
        input: { ...setupInput, slug: 'cli-net', email: 'cli@example.test' },
        startSession: false,
      }),
    ]);
    const networks = await testApp.database.db.selectFrom('networks').select('id').execute();
    expect(networks).toHaveLength(1);
    const succeeded = results.filter(
      (result) =>
        result.status === 'fulfilled' && (!('statusCode' in result.value) || result.value.statusCode === 201),
    );
    expect(succeeded).toHaveLength(1);
  });
});
