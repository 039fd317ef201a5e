import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import type { TestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { verifyAuditChain } from '../../modules/identity/audit/index.ts';
import { resumeDemo, seedDemo } from './demo-runner.ts';
import { demoPassword } from './demo-state.ts';
import { totpCodeAt } from './module-services.ts';

describeEachDatabase('demo seed', (dialect) => {
  let testApp: TestApp;
  beforeEach(async () => {
    testApp = await createTestApp(dialect);
  });
  // When beforeEach failed there is nothing to close.
  afterEach(() => (testApp as TestApp | undefined)?.close());

  async function signIn(email: string) {
    return testApp.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { origin: testApp.context.config.publicUrl },
      payload: { email, password: demoPassword },
    });
  }

  it('builds the network, areas and a vetted team through the real services, once', async () => {
    const state = await seedDemo(testApp.context);
    expect(state).not.toBeNull();
    expect(await seedDemo(testApp.context)).toBeNull();
    const db = testApp.context.database.db;

    const network = await db
      .selectFrom('networks')
      .select(['id', 'name', 'timezone'])
      .executeTakeFirstOrThrow();
    expect(network).toEqual({
      id: state!.networkId,
      name: 'Red de Respuesta Rápida — Demo',
      timezone: 'America/Chicago',
    });
    const areas = await db.selectFrom('areas').select(['name', 'kind']).orderBy('name').execute();
    expect(areas.map((area) => area.kind).sort()).toEqual(['circle', 'zips', 'zips', 'zips']);

    const members = await db.selectFrom('members').select(['id', 'status', 'email_enc']).execute();
    expect(members).toHaveLength(9);
    expect(members.every((member) => member.status === 'active')).toBe(true);
    expect(members.some((member) => member.email_enc.includes('demo.amparo.invalid'))).toBe(false);
    const vettings = await db.selectFrom('member_vettings').select('member_id').execute();
    expect(vettings).toHaveLength(6);

    const { chains } = await verifyAuditChain({ db });
    expect(chains.length).toBeGreaterThanOrEqual(2);
    expect(chains.every((chain) => chain.isIntact)).toBe(true);
    // The seeding sessions were signed out, not left live.
    const liveSessions = await db
      .selectFrom('sessions')
      .select('id')
      .where('revoked_at', 'is', null)
      .execute();
    expect(liveSessions).toEqual([]);
  });

  it('prints working credentials: a password and TOTP for every member', async () => {
    const state = (await seedDemo(testApp.context))!;
    // Every demo member has an authenticator app (ADR 0019: a factor before any work screen).
    const dispatcher = await signIn(state.members.dispatcher!.email);
    expect(dispatcher.statusCode).toBe(200);
    expect(dispatcher.json<{ status: string }>().status).toBe('second_factor_required');
    expect(state.members.dispatcher!.totpSecret).toBeTruthy();

    // Right after seeding, the code an authenticator app shows now works (enrolling used the
    // step before it).
    const miguel = state.members.coordinatorMiguel!;
    const pendingMiguel = (await signIn(miguel.email)).json<{ pendingToken: string }>();
    const immediate = await testApp.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in/totp',
      headers: { origin: testApp.context.config.publicUrl },
      payload: {
        pendingToken: pendingMiguel.pendingToken,
        code: totpCodeAt(miguel.totpSecret!, testApp.clock.now()),
      },
    });
    expect(immediate.statusCode).toBe(200);

    const coordinator = state.members.coordinatorRosa!;
    const first = await signIn(coordinator.email);
    expect(first.statusCode).toBe(200);
    const pending = first.json<{ status: string; pendingToken: string }>();
    expect(pending.status).toBe('second_factor_required');
    testApp.clock.advance(60_000);
    const code = totpCodeAt(coordinator.totpSecret!, testApp.clock.now());
    const second = await testApp.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in/totp',
      headers: { origin: testApp.context.config.publicUrl },
      payload: { pendingToken: pending.pendingToken, code },
    });
    expect(second.statusCode).toBe(200);
    expect(String(second.headers['set-cookie'])).toContain('__Host-amparo_session=');

    const wrongPassword = await testApp.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { origin: testApp.context.config.publicUrl },
      payload: { email: state.members.advocate!.email, password: 'not the demo password' },
    });
    expect(wrongPassword.statusCode).toBe(401);
  });

  it('puts the responders on call near their areas, again on every start', async () => {
    const state = (await seedDemo(testApp.context))!;
    const db = testApp.context.database.db;
    const profiles = () =>
      db
        .selectFrom('responder_profiles')
        .select(['member_id', 'is_on_call', 'location_lat', 'location_expires_at'])
        .execute();
    const seeded = await profiles();
    expect(seeded).toHaveLength(3);
    const now = testApp.clock.now();
    for (const profile of seeded) {
      expect(profile.is_on_call).toBe(1);
      expect(profile.location_lat).toBeCloseTo(41.83, 1);
      expect(profile.location_expires_at).toBeGreaterThan(now);
    }
    // An hour later the shared locations have expired; starting the demo again shares them anew.
    testApp.clock.advance(60 * 60_000);
    const resumed = await resumeDemo(testApp.context, state);
    expect(resumed?.networkId).toBe(state.networkId);
    for (const profile of await profiles()) {
      expect(profile.location_expires_at).toBeGreaterThan(testApp.clock.now());
    }
    expect(await resumeDemo(testApp.context, { ...state, networkId: 'not-this-one' })).toBeNull();
  });
});
