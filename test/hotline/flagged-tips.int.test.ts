import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildArea, buildMember, signIn } from '../support/factories.ts';
import type { BuiltMember } from '../support/factories.ts';
import { buildFlaggedTip } from '../intake/incident-factory.ts';
import { buildHotlineNetwork, createHotlineApp } from './support.ts';

/**
 * Issue 17 §3: a coordinator reviewing the flagged-tip queue releases a tip that was a real
 * report after all into the dispatch queue, or purges one now; both need step-up, both are
 * audited, and a tip can be handled once.
 */
describeEachDatabase('flagged tips: release and purge', (dialect) => {
  let testApp: TestApp;
  let networkId = '';
  let coordinator: BuiltMember;
  let areaCoordinator: BuiltMember;
  let dispatcher: BuiltMember;

  beforeAll(async () => {
    testApp = await createHotlineApp(dialect);
    const { network } = await buildHotlineNetwork(testApp.context);
    networkId = network.id;
    const area = await buildArea(testApp.context, networkId);
    coordinator = await buildMember(testApp.context, { networkId, roles: [{ role: 'coordinator' }] });
    areaCoordinator = await buildMember(testApp.context, {
      networkId,
      roles: [{ role: 'coordinator', areaId: area.id }],
    });
    dispatcher = await buildMember(testApp.context, { networkId, roles: [{ role: 'dispatcher' }] });
  });
  afterAll(() => testApp.close());

  const headersOf = async (member: BuiltMember, secondFactorProved = true) =>
    (await signIn(testApp.context, member, { secondFactorProved })).headers;
  const release = async (id: string, member = coordinator, secondFactorProved = true) =>
    testApp.app.inject({
      method: 'POST',
      url: `/api/flagged-reports/${id}/release`,
      headers: await headersOf(member, secondFactorProved),
    });
  const purge = async (id: string, member = coordinator, secondFactorProved = true) =>
    testApp.app.inject({
      method: 'DELETE',
      url: `/api/flagged-reports/${id}`,
      headers: await headersOf(member, secondFactorProved),
    });
  const flaggedIds = async () =>
    (
      await testApp.database.db
        .selectFrom('flagged_reports')
        .select('id')
        .where('network_id', '=', networkId)
        .execute()
    ).map((row) => row.id);
  const auditOf = (action: string) =>
    testApp.database.db
      .selectFrom('audit_log')
      .select(['actor_member_id', 'object_id'])
      .where('chain', '=', networkId)
      .where('action', '=', action)
      .execute();

  it('a released tip joins an incident in the queue, without contact or pin; the flagged copy is gone', async () => {
    const id = await buildFlaggedTip(testApp.context, networkId);
    const response = await release(id);
    expect(response.statusCode).toBe(201);
    const receipt = response.json<{ reportId: string; incidentId: string; isNewIncident: boolean }>();
    expect(receipt.reportId).toBe(id);
    expect(receipt.isNewIncident).toBe(true);
    const stored = await testApp.database.db
      .selectFrom('reports')
      .select(['incident_id', 'callback_contact_enc', 'location_point_enc', 'description_enc', 'channel'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({
      incident_id: receipt.incidentId,
      callback_contact_enc: null,
      location_point_enc: null,
      channel: 'web',
    });
    expect(stored.description_enc).not.toBeNull();
    expect(await flaggedIds()).not.toContain(id);
    expect(await auditOf('report.tipReleased')).toEqual([{ actor_member_id: coordinator.id, object_id: id }]);

    const queue = await testApp.app.inject({
      method: 'GET',
      url: '/api/incidents',
      headers: await headersOf(dispatcher),
    });
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain(receipt.incidentId);
  });

  it('needs a fresh step-up, a coordinator of the whole network, and a well-formed id', async () => {
    const id = await buildFlaggedTip(testApp.context, networkId);
    const stale = await release(id, coordinator, false);
    expect([stale.statusCode, stale.json<{ error: { code: string } }>().error.code]).toEqual([
      403,
      'STEP_UP_REQUIRED',
    ]);
    const stalePurge = await purge(id, coordinator, false);
    expect(stalePurge.json<{ error: { code: string } }>().error.code).toBe('STEP_UP_REQUIRED');
    for (const member of [areaCoordinator, dispatcher]) {
      expect((await release(id, member)).statusCode).toBe(403);
      expect((await purge(id, member)).statusCode).toBe(403);
    }
    const malformed = await release('x'.repeat(65));
    expect([malformed.statusCode, malformed.json<{ error: { code: string } }>().error.code]).toEqual([
      400,
      'VALIDATION_FAILED',
    ]);
    const unknown = await purge('no-such-tip');
    expect([unknown.statusCode, unknown.json<{ error: { code: string } }>().error.code]).toEqual([
      404,
      'NOT_FOUND',
    ]);
    expect(await flaggedIds()).toContain(id);
  });

  it('two coordinators handling the same tip at once: one wins, nothing is stored twice', async () => {
    const second = await buildMember(testApp.context, { networkId, roles: [{ role: 'coordinator' }] });
    const id = await buildFlaggedTip(testApp.context, networkId);
    const answers = await Promise.all([release(id), release(id, second), purge(id)]);
    const statuses = answers.map((answer) => answer.statusCode).sort();
    expect(statuses.filter((status) => status === 404)).toHaveLength(2);
    expect(statuses.filter((status) => status !== 404)).toHaveLength(1);
    const reports = await testApp.database.db
      .selectFrom('reports')
      .select('id')
      .where('id', '=', id)
      .execute();
    expect(reports.length).toBe(statuses.includes(201) ? 1 : 0);
    expect(await flaggedIds()).not.toContain(id);
  });

  it('a purged tip is gone at once and audited; purging it again is a 404', async () => {
    const id = await buildFlaggedTip(testApp.context, networkId);
    expect((await purge(id)).statusCode).toBe(204);
    expect(await flaggedIds()).not.toContain(id);
    expect(await auditOf('report.tipPurged')).toContainEqual({
      actor_member_id: coordinator.id,
      object_id: id,
    });
    expect((await purge(id)).statusCode).toBe(404);
    expect((await release(id)).statusCode).toBe(404);
    const list = await testApp.app.inject({
      method: 'GET',
      url: '/api/flagged-reports',
      headers: await headersOf(coordinator),
    });
    expect(list.body).not.toContain(id);
  });

  describe('a tip with no location left', () => {
    it('cannot be released without a place to send someone (clear 400), and can still be purged', async () => {
      const id = await buildFlaggedTip(testApp.context, networkId);
      await testApp.database.db
        .updateTable('flagged_reports')
        .set({ location_text_enc: null, zip: null })
        .where('id', '=', id)
        .execute();
      const answer = await release(id);
      expect([answer.statusCode, answer.json<{ error: { code: string } }>().error.code]).toEqual([
        400,
        'LOCATION_REQUIRED',
      ]);
      expect(await flaggedIds()).toContain(id);
      expect((await purge(id)).statusCode).toBe(204);
    });
  });
});
