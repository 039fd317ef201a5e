import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildArea } from '../support/factories.ts';
import { buildAlertWorld, buildIncident, member } from './support/alert-world.ts';
import type { AlertWorld } from './support/alert-world.ts';
import { approve, call, outcome } from './support/api.ts';

interface AreaSwitchView {
  areaId: string;
  areaName: string;
  isStopped: boolean;
  changedBy: string;
  reason: string | null;
}
interface ListBody {
  stopSwitch: {
    isStopped: boolean;
    reason: string | null;
    changedBy: string | null;
    areaSwitches: AreaSwitchView[];
  };
}

const elsewhere = { lat: 41.95, lon: -87.65 };

describeEachDatabase('stop switches with a reason, and per area', (dialect) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp(dialect);
  });
  afterAll(() => testApp.close());

  async function draft(world: AlertWorld, at?: { lat: number; lon: number }): Promise<string> {
    const incidentId = await buildIncident(testApp.context, world.network.id, at ?? {});
    const response = await call(testApp, 'POST', '/api/alerts', world.drafter, { incidentId });
    expect(response.statusCode).toBe(201);
    return response.json<{ alert: { id: string } }>().alert.id;
  }

  it('stops one area: approvals there are refused, elsewhere they go on, until it is resumed', async () => {
    const world = await buildAlertWorld(testApp);
    const north = await buildArea(testApp.context, world.network.id, {
      name: 'North',
      center: elsewhere,
      radiusMeters: 1000,
    });
    const inPilsen = await draft(world);
    const inNorth = await draft(world, elsewhere);
    const northApprover = await member(testApp.context, world.network.id, {
      roles: [{ role: 'coordinator', areaId: north.id }],
    });
    const url = '/api/alerts/area-switches';
    const stop = { areaId: world.areaId, isStopped: true, reason: 'Unconfirmed rumour of a raid' };

    // Who may: a coordinator of that area or of the whole network, or an admin; not a dispatcher,
    // not a coordinator of another area; never without a reason; never another network's area.
    expect(outcome(await call(testApp, 'POST', url, world.dispatcher, stop))).toEqual([403, 'FORBIDDEN']);
    expect(outcome(await call(testApp, 'POST', url, northApprover, stop))).toEqual([403, 'FORBIDDEN']);
    expect(outcome(await call(testApp, 'POST', url, world.approver, { ...stop, reason: ' ' }))).toEqual([
      400,
      'VALIDATION_FAILED',
    ]);
    const other = await buildAlertWorld(testApp);
    expect(outcome(await call(testApp, 'POST', url, other.admin, stop))).toEqual([404, 'NOT_FOUND']);
    const tired = await member(
      testApp.context,
      world.network.id,
      { roles: [{ role: 'coordinator', areaId: world.areaId }] },
      false,
    );
    expect((await call(testApp, 'POST', url, tired, stop)).statusCode).toBe(200);

    expect(outcome(await approve(testApp, inPilsen, world.approver))).toEqual([
      423,
      'ALERT_AREA_SWITCHED_OFF',
    ]);
    expect((await approve(testApp, inNorth, northApprover)).statusCode).toBe(200);

    // Everyone who reads alerts sees which area, who, and why; the reason is stored encrypted.
    const listed = (await call(testApp, 'GET', '/api/alerts', world.dispatcher)).json<ListBody>();
    expect(listed.stopSwitch.isStopped).toBe(false);
    expect(listed.stopSwitch.areaSwitches).toEqual([
      expect.objectContaining({
        areaId: world.areaId,
        isStopped: true,
        changedBy: tired.id,
        reason: 'Unconfirmed rumour of a raid',
      }),
    ]);
    const stored = await testApp.context.database.db
      .selectFrom('alert_area_switches')
      .select('reason_enc')
      .where('area_id', '=', world.areaId)
      .executeTakeFirstOrThrow();
    expect(stored.reason_enc).not.toContain('rumour');
    const audited = await testApp.context.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_member_id'])
      .where('chain', '=', world.network.id)
      .where('object_id', '=', world.areaId)
      .execute();
    expect(audited).toEqual([{ action: 'alert.areaSwitchOn', actor_member_id: tired.id }]);

    // Resuming sends what was held: a fresh second factor, as for the network's switch.
    const resume = { ...stop, isStopped: false, reason: 'Checked: no raid' };
    expect(outcome(await call(testApp, 'POST', url, tired, resume))).toEqual([403, 'STEP_UP_REQUIRED']);
    expect((await call(testApp, 'POST', url, world.approver, resume)).statusCode).toBe(200);
    expect((await approve(testApp, inPilsen, world.approver)).statusCode).toBe(200);
  });

  it('keeps why the network stop switch was set, encrypted, and shows it with who', async () => {
    const world = await buildAlertWorld(testApp);
    const url = '/api/alerts/stop-switch';
    expect(outcome(await call(testApp, 'POST', url, world.approver, { isStopped: true }))).toEqual([
      400,
      'VALIDATION_FAILED',
    ]);
    const body = { isStopped: true, reason: 'Account of a coordinator may be misused' };
    expect((await call(testApp, 'POST', url, world.approver, body)).statusCode).toBe(200);
    const listed = (await call(testApp, 'GET', '/api/alerts', world.dispatcher)).json<ListBody>();
    expect(listed.stopSwitch).toMatchObject({
      isStopped: true,
      changedBy: world.approver.id,
      reason: 'Account of a coordinator may be misused',
    });
    const stored = await testApp.context.database.db
      .selectFrom('alert_stop_switches')
      .select('reason_enc')
      .where('network_id', '=', world.network.id)
      .executeTakeFirstOrThrow();
    expect(stored.reason_enc).not.toContain('misused');
  });
});
