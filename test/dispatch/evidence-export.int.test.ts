import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildArea, buildNetwork, signIn } from '../support/factories.ts';
import { plainPng } from './media-fixtures.ts';
import {
  call,
  dispatchWorld,
  offset,
  openIncident,
  outcome,
  person,
  pilsen,
  recordEvents,
  requestExport,
  responder,
  sendOffer,
  uploadEvidence,
} from './support.ts';
import type { DispatchWorld, Person } from './support.ts';
import { readZip } from './zip-reader.ts';

interface PresentedExport {
  id: string;
  status: string;
  requestedBy: string;
  approvedBy: string | null;
  expiresAt: number;
}

describeEachDatabase('evidence export: two people, downloaded once, within the hour', (dialect) => {
  let testApp: TestApp;
  let world: DispatchWorld;
  let incidentId: string;
  let advocate: Person;
  let admin: Person;
  const minute = 60_000;

  const approve = (exportId: string, who: Person) =>
    call(testApp, 'POST', `/api/evidence-exports/${exportId}/approve`, who);
  const download = (exportId: string, who: Person) =>
    call(testApp, 'POST', `/api/evidence-exports/${exportId}/download`, who);
  const steppedUp = (role: 'advocate' | 'admin' | 'coordinator' | 'dispatcher', areaId?: string) =>
    person(testApp.context, world.network.id, [{ role, areaId: areaId ?? null }], {
      withTotp: true,
      stepUp: true,
    });
  /** The same member signed in again now (the manual clock moved past their step-up). */
  const again = async (who: Person): Promise<Person> => ({
    ...who,
    session: await signIn(testApp.context, who, { secondFactorProved: true }),
  });
  const auditActions = async (exportId: string) =>
    (
      await testApp.context.database.db
        .selectFrom('audit_log')
        .select(['action', 'actor_member_id', 'metadata'])
        .where('object_id', '=', incidentId)
        .where('action', 'like', 'evidence.export%')
        .orderBy('seq')
        .execute()
    ).filter((entry) => (JSON.parse(entry.metadata) as { exportId?: string }).exportId === exportId);

  beforeAll(async () => {
    testApp = await createTestApp(dialect);
    world = await dispatchWorld(testApp);
    const observer = await responder(testApp.context, world.network.id, { location: offset(pilsen, 200) });
    incidentId = await openIncident(testApp, world.dispatcher, pilsen);
    const offerId = await sendOffer(testApp, world, incidentId, observer, { accept: true });
    expect((await uploadEvidence(testApp, observer, offerId, await plainPng())).statusCode).toBe(201);
    advocate = await steppedUp('advocate');
    admin = await steppedUp('admin');
  });
  afterAll(() => testApp.close());

  it('needs a second person, then lets the requester download once; every step audited', async () => {
    const recorder = recordEvents(testApp);
    const created = await call(testApp, 'POST', `/api/incidents/${incidentId}/evidence-exports`, advocate);
    expect(created.statusCode).toBe(201);
    const pending = created.json<{ export: PresentedExport }>().export;
    expect(pending).toMatchObject({ status: 'pending', requestedBy: advocate.id, approvedBy: null });

    // Nothing leaves before a second person approves.
    expect(outcome(await download(pending.id, advocate))).toEqual([409, 'EXPORT_NEEDS_APPROVAL']);
    expect(outcome(await approve(pending.id, advocate))).toEqual([403, 'EXPORT_SELF_APPROVAL']);
    expect(outcome(await approve(pending.id, world.dispatcher))).toEqual([403, 'FORBIDDEN']);
    const coordinatorWithoutStepUp = await person(
      testApp.context,
      world.network.id,
      [{ role: 'coordinator' }],
      {
        withTotp: true,
      },
    );
    expect(outcome(await approve(pending.id, coordinatorWithoutStepUp))).toEqual([403, 'STEP_UP_REQUIRED']);

    const approved = await approve(pending.id, world.coordinator);
    expect(approved.statusCode).toBe(200);
    expect(approved.json<{ export: PresentedExport }>().export).toMatchObject({
      status: 'approved',
      approvedBy: world.coordinator.id,
      expiresAt: testApp.context.clock.now() + 60 * minute,
    });
    expect(outcome(await approve(pending.id, admin))).toEqual([409, 'EXPORT_ALREADY_APPROVED']);

    // Only the requester downloads, once.
    expect(outcome(await download(pending.id, admin))).toEqual([403, 'EXPORT_NOT_REQUESTER']);
    const bundle = await download(pending.id, advocate);
    expect(bundle.statusCode).toBe(200);
    expect(bundle.headers['content-type']).toBe('application/zip');
    const manifest = JSON.parse((await readZip(bundle.rawPayload)).get('manifest.json')!.toString()) as {
      exportId: string;
      exportedBy: string;
      approvedBy: string;
      files: unknown[];
    };
    expect(manifest).toMatchObject({
      exportId: pending.id,
      exportedBy: advocate.id,
      approvedBy: world.coordinator.id,
    });
    expect(manifest.files).toHaveLength(1);
    expect(outcome(await download(pending.id, advocate))).toEqual([410, 'EXPORT_ALREADY_DOWNLOADED']);

    expect((await auditActions(pending.id)).map((entry) => [entry.action, entry.actor_member_id])).toEqual([
      ['evidence.exportRequested', advocate.id],
      ['evidence.exportApproved', world.coordinator.id],
      ['evidence.exported', advocate.id],
    ]);
    const listed = await call(
      testApp,
      'GET',
      `/api/incidents/${incidentId}/evidence-exports`,
      world.coordinator,
    );
    expect(
      listed.json<{ exports: PresentedExport[] }>().exports.find((item) => item.id === pending.id),
    ).toMatchObject({ status: 'downloaded' });

    recorder.stop();
    const requestedEvent = recorder.events.find((event) => event.type === 'evidence.exportRequested');
    expect(requestedEvent?.rooms).toContain(`role:${world.network.id}:coordinator`);
    expect(requestedEvent?.data).toEqual({ exportId: pending.id, incidentId });
    const approvedEvent = recorder.events.find((event) => event.type === 'evidence.exportApproved');
    expect(approvedEvent?.rooms).toEqual([`member:${advocate.id}`]);
  });

  it('expires an approval after an hour and an unapproved request after a day', async () => {
    const approvedId = await requestExport(testApp, admin, incidentId);
    expect((await approve(approvedId, advocate)).statusCode).toBe(200);
    testApp.clock.advance(61 * minute);
    admin = await again(admin);
    expect(outcome(await download(approvedId, admin))).toEqual([410, 'EXPORT_EXPIRED']);

    advocate = await again(advocate);
    const lapsingId = await requestExport(testApp, advocate, incidentId);
    testApp.clock.advance(24 * 60 * minute + minute);
    admin = await again(admin);
    expect(outcome(await approve(lapsingId, admin))).toEqual([410, 'EXPORT_EXPIRED']);
    const listed = await call(testApp, 'GET', `/api/incidents/${incidentId}/evidence-exports`, admin);
    const statuses = new Map(
      listed.json<{ exports: PresentedExport[] }>().exports.map((item) => [item.id, item.status]),
    );
    expect(statuses.get(approvedId)).toBe('expired');
    expect(statuses.get(lapsingId)).toBe('expired');
    advocate = await again(advocate);
  });

  it('is invisible outside the approver’s areas and to another network', async () => {
    const exportId = await requestExport(testApp, advocate, incidentId);
    const farArea = await buildArea(testApp.context, world.network.id, {
      center: offset(pilsen, 80_000),
      radiusMeters: 1_000,
    });
    const farCoordinator = await steppedUp('coordinator', farArea.id);
    expect(outcome(await approve(exportId, farCoordinator))).toEqual([404, 'EXPORT_NOT_FOUND']);
    const otherNetwork = await buildNetwork(testApp.context);
    const stranger = await person(testApp.context, otherNetwork.id, [{ role: 'admin' }], {
      withTotp: true,
      stepUp: true,
    });
    expect(outcome(await approve(exportId, stranger))).toEqual([404, 'EXPORT_NOT_FOUND']);
    expect(outcome(await download(exportId, stranger))).toEqual([404, 'EXPORT_NOT_FOUND']);
    expect(outcome(await call(testApp, 'POST', `/api/evidence-exports/not-a-uuid/approve`, admin))).toEqual([
      400,
      'VALIDATION_FAILED',
    ]);
  });
});
