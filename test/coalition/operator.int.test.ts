import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Database } from '../../server/platform/database/schema.ts';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildMember, buildNetwork, defaultTestPassword, signIn } from '../support/factories.ts';
import { buildOperator } from '../support/operators.ts';
import type { BuiltOperator } from '../support/operators.ts';

async function auditActions(db: Kysely<Database>, chain: string): Promise<string[]> {
  const rows = await db
    .selectFrom('audit_log')
    .select('action')
    .where('chain', '=', chain)
    .orderBy('seq')
    .execute();
  return rows.map((row) => row.action);
}

describeEachDatabase('a coalition on one deployment (operator)', (dialect) => {
  let testApp: TestApp;
  let operator: BuiltOperator;
  beforeEach(async () => {
    testApp = await createTestApp(dialect);
    operator = await buildOperator(testApp);
  });
  afterEach(() => testApp?.close());

  const inject = (method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: object) =>
    testApp.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

  it('creates a network whose first admin joins through the link, without touching the first network', async () => {
    const { db } = testApp.context.database;
    const first = await buildNetwork(testApp.context, { slug: 'first-net' });
    const firstAdmin = await buildMember(testApp.context, {
      networkId: first.id,
      roles: [{ role: 'admin' }],
    });

    const created = await inject('POST', '/api/operator/networks', operator.headers, {
      name: 'Second network',
      slug: 'second-net',
      timezone: 'America/Los_Angeles',
      languages: ['es', 'en'],
    });
    expect(created.statusCode).toBe(201);
    const network = created.json<{ id: string; adminSetupLink: string }>();
    const token = network.adminSetupLink.split('/setup/')[1]!;

    // The link asks only for the admin (the page), and makes an admin of that network (JSON).
    const page = await testApp.app.inject({ method: 'GET', url: `/setup/${token}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Second network');
    expect(page.body).not.toContain('name="slug"');
    const joined = await testApp.app.inject({
      method: 'POST',
      url: `/setup/${token}`,
      payload: { adminDisplayName: 'Ana', email: 'ana@second.example', password: defaultTestPassword },
    });
    expect(joined.statusCode).toBe(201);
    expect(joined.json()).toMatchObject({ networkId: network.id });
    const again = await testApp.app.inject({
      method: 'POST',
      url: `/setup/${token}`,
      payload: { adminDisplayName: 'Eve', email: 'eve@second.example', password: defaultTestPassword },
    });
    expect(again.json()).toMatchObject({ error: { code: 'SETUP_TOKEN_INVALID' } });

    // Isolation as today: the new admin sees only their own network's members.
    const admin = await db
      .selectFrom('members')
      .select(['id', 'network_id'])
      .where('network_id', '=', network.id)
      .execute();
    expect(admin).toHaveLength(1);
    const session = await signIn(testApp.context, { id: admin[0]!.id, networkId: network.id });
    const members = await inject('GET', '/api/members', session.headers);
    expect(members.body).not.toContain(firstAdmin.id);

    const list = await inject('GET', '/api/operator/networks', operator.headers);
    expect(list.statusCode).toBe(200);
    const health = list.json<{ networks: { id: string; members: number }[] }>().networks;
    expect(health.map((entry) => [entry.id, entry.members])).toEqual([
      [first.id, 1],
      [network.id, 1],
    ]);
    // Counts only: no member's name or email reaches the operator.
    expect(list.body).not.toMatch(/ana@second|Ana"|firstAdmin/);

    expect(await auditActions(db, network.id)).toEqual(['network.created', 'member.joined']);
    expect(await auditActions(db, '-')).toEqual(
      expect.arrayContaining([
        'operator.created',
        'operator.setUp',
        'operator.signedIn',
        'operator.networkCreated',
      ]),
    );
  });

  it('suspends a network with a fresh code: members, public pages and sign-in stop; its data stays', async () => {
    const { db } = testApp.context.database;
    const suspended = await buildNetwork(testApp.context, { slug: 'to-suspend' });
    const other = await buildNetwork(testApp.context, { slug: 'stays-up' });
    const member = await buildMember(testApp.context, {
      networkId: suspended.id,
      roles: [{ role: 'dispatcher' }],
      password: defaultTestPassword,
    });
    const otherMember = await buildMember(testApp.context, {
      networkId: other.id,
      roles: [{ role: 'dispatcher' }],
    });
    const memberSession = await signIn(testApp.context, member);
    const otherSession = await signIn(testApp.context, otherMember);
    const url = `/api/operator/networks/${suspended.id}/suspend`;

    expect((await inject('POST', url, operator.headers, {})).json()).toMatchObject({
      error: { code: 'VALIDATION_FAILED' },
    });
    expect((await inject('POST', url, operator.headers, { code: '000000' })).json()).toMatchObject({
      error: { code: 'SECOND_FACTOR_FAILED' },
    });
    const code = operator.nextCode();
    const done = await inject('POST', url, operator.headers, { code });
    expect(done.statusCode).toBe(200);
    expect(done.json<{ suspendedAt: number | null }>().suspendedAt).toBe(testApp.clock.now());
    // The same code never works twice.
    expect(
      (
        await inject('POST', `/api/operator/networks/${suspended.id}/resume`, operator.headers, { code })
      ).json(),
    ).toMatchObject({ error: { code: 'TOTP_REPLAYED' } });

    const refused = await inject('GET', '/api/network', memberSession.headers);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: { code: 'NETWORK_SUSPENDED' } });
    expect((await inject('GET', '/api/network', otherSession.headers)).statusCode).toBe(200);
    const signInAttempt = await testApp.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: member.email, password: defaultTestPassword },
    });
    expect(signInAttempt.json()).toMatchObject({ error: { code: 'NETWORK_SUSPENDED' } });
    const publicPage = await testApp.app.inject({ method: 'GET', url: '/r/to-suspend' });
    expect(publicPage.statusCode).toBe(503);
    expect(publicPage.body).toContain('not in service');
    const publicApi = await testApp.app.inject({
      method: 'POST',
      url: '/api/public/to-suspend/reports',
      payload: { category: 'raid', description: 'ICE van', lat: 41.85, lon: -87.66 },
    });
    expect(publicApi.statusCode).toBe(503);
    expect(publicApi.json()).toMatchObject({ error: { code: 'NETWORK_NOT_IN_SERVICE' } });
    expect((await testApp.app.inject({ method: 'GET', url: '/r/stays-up' })).statusCode).toBe(200);

    const health = (await inject('GET', '/api/operator/networks', operator.headers)).json<{
      networks: { id: string; suspendedAt: number | null; members: number }[];
    }>();
    expect(health.networks.find((entry) => entry.id === suspended.id)).toMatchObject({ members: 1 });
    expect(health.networks.find((entry) => entry.id === suspended.id)?.suspendedAt).not.toBeNull();

    const resumed = await inject('POST', `/api/operator/networks/${suspended.id}/resume`, operator.headers, {
      code: operator.nextCode(),
    });
    expect(resumed.json()).toMatchObject({ suspendedAt: null });
    expect((await inject('GET', '/api/network', memberSession.headers)).statusCode).toBe(200);
    expect((await testApp.app.inject({ method: 'GET', url: '/r/to-suspend' })).statusCode).toBe(200);

    // Audited in the network's own chain (its admins see it) and in the deployment's.
    expect(await auditActions(db, suspended.id)).toEqual([
      'network.created',
      'network.suspended',
      'network.resumed',
    ]);
    expect(await auditActions(db, '-')).toEqual(
      expect.arrayContaining(['network.suspended', 'network.resumed']),
    );
    expect(await auditActions(db, other.id)).toEqual(['network.created']);
  });

  it("refuses an operator on members' routes and members on the operator's", async () => {
    const network = await buildNetwork(testApp.context);
    const admin = await buildMember(testApp.context, { networkId: network.id, roles: [{ role: 'admin' }] });
    const adminSession = await signIn(testApp.context, admin, { secondFactorProved: true });
    for (const url of ['/api/network', '/api/members', '/api/incidents', '/api/alerts', '/api/audit']) {
      const response = await inject('GET', url, operator.headers);
      expect(response.statusCode, url).toBe(403);
    }
    for (const [method, url] of [
      ['GET', '/api/operator/networks'],
      ['POST', '/api/operator/networks'],
      ['POST', `/api/operator/networks/${network.id}/suspend`],
    ] as const) {
      expect((await inject(method, url, adminSession.headers, {})).statusCode, url).toBe(403);
      expect((await inject(method, url, {}, {})).statusCode, url).toBe(401);
    }
    // A state change without the session's CSRF token is refused.
    const forged = await inject(
      'POST',
      '/api/operator/networks',
      { cookie: operator.headers.cookie },
      {
        name: 'Forged',
        slug: 'forged-net',
        timezone: 'UTC',
      },
    );
    expect(forged.json()).toMatchObject({ error: { code: 'CSRF_FAILED' } });
  });
});
