import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support/app.ts';
import type { TestApp } from '../../../../test/support/app.ts';
import { describeEachDatabase } from '../../../../test/support/databases.ts';
import { buildMember, buildNetwork, signIn } from '../../../../test/support/factories.ts';
import type { BuiltMember, SignedIn } from '../../../../test/support/factories.ts';
import { newId } from '../../../platform/ids/ids.ts';
import { auditActions } from './audit-actions.contract.ts';
import type { AuditAction } from './audit-actions.contract.ts';
import { disableAppendOnlyGuards } from '../../../../test/support/audit-guards.ts';
import { recordAudit } from './index.ts';

interface PageBody {
  entries: { seq: number; action: string; actorMemberId: string | null; objectId: string | null }[];
  nextCursor: string | null;
}

describeEachDatabase('audit browse API', (dialect) => {
  let testApp: TestApp;
  let admin: BuiltMember;
  let adminSession: SignedIn;
  let coordinatorSession: SignedIn;
  let adminWithoutSecondFactorSession: SignedIn;
  let otherAdmin: BuiltMember;
  let otherAdminSession: SignedIn;
  let networkId: string;
  let otherNetworkId: string;
  const roleGrantObjects: string[] = [];
  let startedAt: number;

  async function record(chain: string, action: AuditAction, actorMemberId: string, objectId: string) {
    testApp.clock.advance(1000);
    await testApp.context.database.db.transaction().execute((trx) =>
      recordAudit({ dialect, clock: testApp.clock }, trx, {
        networkId: chain,
        actorMemberId,
        action,
        objectType: 'member',
        objectId,
        metadata: {},
      }),
    );
  }

  async function browse(session: SignedIn | null, query = '') {
    return testApp.app.inject({
      method: 'GET',
      url: `/api/audit${query}`,
      headers: session ? { cookie: session.cookie } : {},
    });
  }

  async function entriesOf(chain: string) {
    return testApp.context.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('chain', '=', chain)
      .orderBy('seq', 'desc')
      .execute();
  }

  beforeAll(async () => {
    testApp = await createTestApp(dialect);
    const context = testApp.context;
    networkId = (await buildNetwork(context)).id;
    otherNetworkId = (await buildNetwork(context)).id;
    admin = await buildMember(context, { networkId, roles: [{ role: 'admin' }], withTotp: true });
    const coordinator = await buildMember(context, {
      networkId,
      roles: [{ role: 'coordinator' }],
      withTotp: true,
    });
    const adminWithoutSecondFactor = await buildMember(context, {
      networkId,
      roles: [{ role: 'admin' }],
      withTotp: false,
    });
    otherAdmin = await buildMember(context, {
      networkId: otherNetworkId,
      roles: [{ role: 'admin' }],
      withTotp: true,
    });
    adminSession = await signIn(context, admin);
    coordinatorSession = await signIn(context, coordinator);
    adminWithoutSecondFactorSession = await signIn(context, adminWithoutSecondFactor);
    otherAdminSession = await signIn(context, otherAdmin);

    startedAt = testApp.clock.now();
    for (let index = 0; index < 5; index += 1) {
      const objectId = newId();
      roleGrantObjects.push(objectId);
      await record(networkId, 'member.roleGranted', admin.id, objectId);
      await record(networkId, 'member.vetted', coordinator.id, objectId);
    }
    await record(otherNetworkId, 'member.removed', otherAdmin.id, newId());
  });
  afterAll(() => testApp.close());

  it('shows an admin their own network, newest first, and records the browse', async () => {
    const response = await browse(adminSession);
    expect(response.statusCode).toBe(200);
    const body = response.json<PageBody>();
    const [browsed, ...before] = await entriesOf(networkId);
    expect(body.entries.map((entry) => entry.seq)).toEqual(before.map((row) => row.seq));
    // Ten recorded entries plus the network.created entry written when the network was made.
    expect(body.entries).toHaveLength(11);
    expect(body.nextCursor).toBeNull();
    expect(browsed).toMatchObject({ action: 'audit.browsed', actor_member_id: admin.id, seq: 12 });
    expect(JSON.parse(browsed!.metadata)).toEqual({ returned: 11 });
    expect(await entriesOf(otherNetworkId)).toHaveLength(2);
  });

  it('filters by action, actor, object and time', async () => {
    const byAction = (await browse(adminSession, '?action=member.vetted')).json<PageBody>();
    expect(byAction.entries).toHaveLength(5);
    expect(byAction.entries.every((entry) => entry.action === 'member.vetted')).toBe(true);

    const byActor = (
      await browse(adminSession, `?actorMemberId=${admin.id}&action=member.roleGranted`)
    ).json<PageBody>();
    expect(byActor.entries.map((entry) => entry.objectId)).toEqual([...roleGrantObjects].reverse());

    const object = roleGrantObjects[2]!;
    const byObject = (await browse(adminSession, `?objectType=member&objectId=${object}`)).json<PageBody>();
    expect(byObject.entries.map((entry) => entry.action).sort()).toEqual([
      'member.roleGranted',
      'member.vetted',
    ]);

    // Entries were written one second apart: seconds 3 and 4 after the start are the 2nd pair.
    const from = new Date(startedAt + 3000).toISOString();
    const byTime = (await browse(adminSession, `?from=${from}&to=${startedAt + 5000}`)).json<PageBody>();
    expect(byTime.entries.map((entry) => entry.action)).toEqual(['member.vetted', 'member.roleGranted']);
    expect(byTime.entries[1]!.objectId).toBe(roleGrantObjects[1]);

    const browsedEntries = (await browse(adminSession, '?action=audit.browsed')).json<PageBody>();
    expect(browsedEntries.entries.length).toBeGreaterThanOrEqual(5);
  });

  it('pages with a cursor until the end, without repeating or skipping an entry', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `?action=member.roleGranted&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const response = await browse(adminSession, query);
      expect(response.statusCode).toBe(200);
      const body: PageBody = response.json<PageBody>();
      expect(body.entries.length).toBeLessThanOrEqual(2);
      seen.push(...body.entries.map((entry) => entry.seq));
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 10);
    expect(pages).toBe(3);
    const stored = (await entriesOf(networkId)).filter((row) => row.action === 'member.roleGranted');
    expect(seen).toEqual(stored.map((row) => row.seq));
  });

  it('shows an admin of another network only that network', async () => {
    const response = await browse(otherAdminSession);
    expect(response.statusCode).toBe(200);
    const body = response.json<PageBody>();
    expect(body.entries.map((entry) => entry.action)).toEqual(['member.removed', 'network.created']);
    expect(body.entries[0]).toMatchObject({ actorMemberId: otherAdmin.id });
    const byObject = await browse(otherAdminSession, `?objectId=${roleGrantObjects[0]}`);
    expect(byObject.json<PageBody>().entries).toEqual([]);
  });

  it('lists the whole action catalogue for the filter, to admins only, each one a filter the browse accepts', async () => {
    const response = await browse(adminSession, '/actions');
    expect(response.statusCode).toBe(200);
    const { actions } = response.json<{ actions: string[] }>();
    expect(actions).toEqual([...auditActions]);
    const last = actions.at(-1)!;
    expect((await browse(adminSession, `?action=${encodeURIComponent(last)}`)).statusCode).toBe(200);
    expect((await browse(coordinatorSession, '/actions')).statusCode).toBe(403);
    expect((await browse(adminWithoutSecondFactorSession, '/actions')).statusCode).toBe(403);
    expect((await browse(null, '/actions')).statusCode).toBe(401);
  });

  it('refuses coordinators, admins without a second factor and signed-out callers, and records nothing', async () => {
    const before = (await entriesOf(networkId)).length;
    const coordinator = await browse(coordinatorSession);
    expect(coordinator.statusCode).toBe(403);
    expect(coordinator.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    const withoutSecondFactor = await browse(adminWithoutSecondFactorSession);
    expect(withoutSecondFactor.statusCode).toBe(403);
    expect(withoutSecondFactor.json()).toMatchObject({ error: { code: 'SECOND_FACTOR_REQUIRED' } });
    const signedOut = await browse(null);
    expect(signedOut.statusCode).toBe(401);
    expect(signedOut.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    const forged = await testApp.app.inject({
      method: 'GET',
      url: '/api/audit',
      headers: { cookie: `__Host-amparo_session=${'x'.repeat(43)}` },
    });
    expect(forged.statusCode).toBe(401);
    for (const session of [coordinatorSession, adminWithoutSecondFactorSession, null]) {
      expect(
        (
          await testApp.app.inject({
            method: 'GET',
            url: '/api/audit/verify',
            headers: session ? { cookie: session.cookie } : {},
          })
        ).statusCode,
      ).toBe(session ? 403 : 401);
    }
    expect(await entriesOf(networkId)).toHaveLength(before);
  });

  describe('rejects bad query values with VALIDATION_FAILED', () => {
    it.each([
      '?limit=0',
      '?limit=201',
      '?limit=abc',
      '?limit=1&limit=2',
      '?cursor=0',
      '?cursor=-5',
      '?cursor=abc',
      '?action=member.hacked',
      '?from=yesterday',
      '?from=2026-02-30T00:00:00Z',
      `?from=${Date.UTC(2026, 1, 2)}&to=${Date.UTC(2026, 1, 1)}`,
      '?actorMemberId=%27%20or%201%3D1--',
      `?objectId=${'a'.repeat(101)}`,
      '?objectType=Member!',
      '?unknown=1',
    ])('%s', async (query) => {
      const response = await browse(adminSession, query);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    });

    it('treats an empty parameter as no filter', async () => {
      expect((await browse(adminSession, '?action=&limit=')).statusCode).toBe(200);
    });
  });

  it('verifies the network chain for an admin, and reports tampering', async () => {
    const verified = await testApp.app.inject({
      method: 'GET',
      url: '/api/audit/verify',
      headers: { cookie: adminSession.cookie },
    });
    expect(verified.statusCode).toBe(200);
    // The check is recorded after it ran: the newest entry is the record of this verification.
    const [verifiedEntry, ...before] = await entriesOf(networkId);
    expect(verifiedEntry).toMatchObject({ action: 'audit.verified', actor_member_id: admin.id });
    expect(verified.json()).toEqual({
      chain: networkId,
      entries: before.length,
      isIntact: true,
      headSeq: before[0]!.seq,
      headHash: before[0]!.hash,
    });

    await disableAppendOnlyGuards(testApp.context.database.db, dialect);
    await testApp.context.database.db
      .updateTable('audit_log')
      .set({ actor_member_id: newId() })
      .where('chain', '=', networkId)
      .where('seq', '=', 3)
      .execute();
    const broken = await testApp.app.inject({
      method: 'GET',
      url: '/api/audit/verify',
      headers: { cookie: adminSession.cookie },
    });
    expect(broken.json()).toMatchObject({ isIntact: false, firstBrokenSeq: 3 });
    const other = await testApp.app.inject({
      method: 'GET',
      url: '/api/audit/verify',
      headers: { cookie: otherAdminSession.cookie },
    });
    expect(other.json()).toMatchObject({ chain: otherNetworkId, isIntact: true });
  });
});
