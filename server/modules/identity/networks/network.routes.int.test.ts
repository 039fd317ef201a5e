import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support/app.ts';
import type { TestApp } from '../../../../test/support/app.ts';
import { describeEachDatabase } from '../../../../test/support/databases.ts';
import { buildMember, buildNetwork, signIn } from '../../../../test/support/factories.ts';
import type { MemberOptions } from '../../../../test/support/factories.ts';
import { roles } from '../members/index.ts';
import { getNetworkSettings } from './index.ts';

type Caller = { session: { headers: Record<string, string> } } | null;
interface Profile {
  id: string;
  name: string;
  timezone: string;
  languages: string[];
  settings: Record<string, number>;
}

describeEachDatabase('network API', (dialect) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp(dialect);
  });
  afterAll(() => testApp.close());

  async function member(networkId: string, options: Omit<MemberOptions, 'networkId'>, isSteppedUp = true) {
    const built = await buildMember(testApp.context, { networkId, ...options });
    const hasFactor = options.withTotp ?? (options.roles ?? []).length > 0;
    return {
      ...built,
      session: await signIn(testApp.context, built, { secondFactorProved: isSteppedUp && hasFactor }),
    };
  }

  function call(method: 'GET' | 'PATCH', who: Caller, payload?: object) {
    return testApp.app.inject({
      method,
      url: '/api/network',
      headers: who?.session.headers ?? {},
      ...(payload ? { payload } : {}),
    });
  }

  const codeOf = (response: { statusCode: number; json(): { error?: { code: string } } }) => [
    response.statusCode,
    response.json().error?.code,
  ];

  it('shows active members their own network; alert caps and send rates only to admins', async () => {
    const network = await buildNetwork(testApp.context, { name: 'Pilsen RR', languages: ['es', 'en'] });
    const admin = await member(network.id, { roles: [{ role: 'admin' }], withTotp: true });
    const responder = await member(network.id, { roles: [{ role: 'responder' }] });
    const probationary = await member(network.id, { roles: [{ role: 'responder' }], status: 'probationary' });

    const forAdmin = (await call('GET', admin)).json<Profile>();
    expect(forAdmin).toMatchObject({
      id: network.id,
      name: 'Pilsen RR',
      timezone: 'America/Chicago',
      languages: ['es', 'en'],
    });
    expect(forAdmin.settings).toMatchObject({
      alertCapPerAreaPerHour: 3,
      smsPerSecond: 1,
      clusteringRadiusMeters: 500,
    });

    const forResponder = (await call('GET', responder)).json<Profile>();
    expect(forResponder.name).toBe('Pilsen RR');
    expect(forResponder.settings).toMatchObject({ reportTextRetentionDays: 30, clusteringWindowMinutes: 60 });
    expect(forResponder.settings).not.toHaveProperty('alertCapPerAreaPerHour');
    expect(forResponder.settings).not.toHaveProperty('smsPerSecond');

    expect(codeOf(await call('GET', probationary))).toEqual([403, 'FORBIDDEN']);
    expect(codeOf(await call('GET', null))).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('lets an admin with a second factor change name, zone, languages and settings, audited', async () => {
    const network = await buildNetwork(testApp.context);
    const other = await buildNetwork(testApp.context, { name: 'Untouched' });
    const admin = await member(network.id, { roles: [{ role: 'admin' }], withTotp: true });
    const response = await call('PATCH', admin, {
      name: 'Renamed',
      timezone: 'America/New_York',
      languages: ['en', 'es', 'ht'],
      settings: { alertCapPerAreaPerHour: 5, reportTextRetentionDays: 14 },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json<Profile>()).toMatchObject({
      name: 'Renamed',
      timezone: 'America/New_York',
      languages: ['en', 'es', 'ht'],
    });
    const settings = await getNetworkSettings(testApp.database.db, network.id);
    expect(settings).toMatchObject({
      alertCapPerAreaPerHour: 5,
      reportTextRetentionDays: 14,
      clusteringRadiusMeters: 500,
    });

    // A later partial change keeps the earlier settings.
    await call('PATCH', admin, { settings: { smsPerSecond: 2 } });
    expect(await getNetworkSettings(testApp.database.db, network.id)).toMatchObject({
      alertCapPerAreaPerHour: 5,
      smsPerSecond: 2,
    });

    const untouched = await testApp.database.db
      .selectFrom('networks')
      .selectAll()
      .where('id', '=', other.id)
      .executeTakeFirstOrThrow();
    expect(untouched).toMatchObject({ name: 'Untouched', settings: '{}' });
    const audit = await testApp.database.db
      .selectFrom('audit_log')
      .select(['action', 'metadata', 'actor_member_id'])
      .where('chain', '=', network.id)
      .where('action', '=', 'network.updated')
      .orderBy('seq')
      .execute();
    expect(audit.map((entry) => JSON.parse(entry.metadata) as unknown)).toEqual([
      {
        fields: [
          'name',
          'timezone',
          'languages',
          'settings.reportTextRetentionDays',
          'settings.alertCapPerAreaPerHour',
        ],
      },
      { fields: ['settings.smsPerSecond'] },
    ]);
    expect(audit.every((entry) => entry.actor_member_id === admin.id)).toBe(true);
  });

  it('refuses changes from other roles, area-limited admins and admins without a second factor', async () => {
    const network = await buildNetwork(testApp.context, { name: 'Original' });
    const callers = [
      ...(await Promise.all(
        roles
          .filter((role) => role !== 'admin')
          .map((role) => member(network.id, { roles: [{ role }], withTotp: true })),
      )),
    ];
    for (const caller of callers)
      expect(codeOf(await call('PATCH', caller, { name: 'Hijacked' }))).toEqual([403, 'FORBIDDEN']);
    const noFactor = await member(network.id, { roles: [{ role: 'admin' }], withTotp: false });
    expect(codeOf(await call('PATCH', noFactor, { name: 'Hijacked' }))).toEqual([
      403,
      'SECOND_FACTOR_REQUIRED',
    ]);
    expect(codeOf(await call('PATCH', null, { name: 'Hijacked' }))).toEqual([401, 'UNAUTHENTICATED']);
    // Languages and settings (hotline numbers, caps, retention) need a fresh step-up; the name does not.
    const stale = await member(network.id, { roles: [{ role: 'admin' }], withTotp: true }, false);
    for (const body of [
      { languages: ['en'] },
      { settings: { hotlineNumbers: ['+13125550199'] } },
      { settings: { alertCapPerAreaPerHour: 100 } },
      { settings: { reportTextRetentionDays: 365 } },
      { settings: { privilegeCoolingOffHours: 1 } },
    ]) {
      expect(codeOf(await call('PATCH', stale, body)), JSON.stringify(body)).toEqual([
        403,
        'STEP_UP_REQUIRED',
      ]);
    }
    const row = await testApp.database.db
      .selectFrom('networks')
      .select('name')
      .where('id', '=', network.id)
      .executeTakeFirstOrThrow();
    expect(row.name).toBe('Original');
  });

  it('validates every field with stable codes', async () => {
    const network = await buildNetwork(testApp.context);
    const admin = await member(network.id, { roles: [{ role: 'admin' }], withTotp: true });
    for (const body of [
      {},
      { timezone: 'Mars/Base' },
      { timezone: 'Chicago' },
      { languages: ['en', 'de'] },
      { languages: [] },
      { languages: ['en', 'en'] },
      { name: 'x' },
      { slug: 'new-slug' },
      { settings: { alertCapPerAreaPerHour: 0 } },
      { settings: { reportTextRetentionDays: 100_000 } },
      { settings: { reporterContactRetentionHoursAfterClose: -1 } },
      { settings: { clusteringRadiusMeters: 'far' } },
      { settings: { unknownKnob: 1 } },
    ]) {
      expect(codeOf(await call('PATCH', admin, body)), JSON.stringify(body)).toEqual([
        400,
        'VALIDATION_FAILED',
      ]);
    }
    expect(
      (await call('PATCH', admin, { settings: { reporterContactRetentionHoursAfterClose: 0 } })).statusCode,
    ).toBe(200);
  });
});
