import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildMember, buildNetwork, signIn } from '../support/factories.ts';
import { crossingPoint, pilsenStreetsGeoJson } from '../fixtures/pilsen-gazetteer.ts';
import { distanceMeters } from '../../server/platform/geo/index.ts';
import type {
  PresentedIncident,
  QueuePage,
} from '../../server/modules/intake/incidents/incident.contract.ts';

// Issue 25, "done means": text-only reports of one event in one ZIP become one incident; a second
// event six blocks away in the same ZIP and hour stays separate; a ZIP-only report joins neither.
describeEachDatabase('where is it: typed places cluster by what is really known', (dialect) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp(dialect);
  });
  afterAll(() => testApp.close());

  it('puts five typed reports of one corner together, keeps six blocks away apart, and a ZIP-only report unclear', async () => {
    const network = await buildNetwork(testApp.context);
    const admin = await buildMember(testApp.context, {
      networkId: network.id,
      roles: [{ role: 'admin' }],
      withTotp: true,
    });
    const dispatcher = await buildMember(testApp.context, {
      networkId: network.id,
      roles: [{ role: 'dispatcher' }],
      withTotp: true,
    });
    const adminSession = await signIn(testApp.context, admin);
    const desk = await signIn(testApp.context, dispatcher);
    const imported = await testApp.app.inject({
      method: 'POST',
      url: '/api/gazetteer/streets',
      headers: adminSession.headers,
      payload: { format: 'geojson', text: pilsenStreetsGeoJson },
    });
    expect(imported.statusCode).toBe(200);

    const start = Date.parse('2026-12-07T15:00:00Z');
    const report = async (locationText: string | undefined, minutes: number) => {
      const response = await testApp.app.inject({
        method: 'POST',
        url: '/api/reports',
        headers: desk.headers,
        payload: {
          channel: 'operator',
          category: 'workplace',
          zip: '60608',
          ...(locationText ? { locationText } : {}),
          occurredAt: start + minutes * 60_000,
          callerPhone: `+1312555${String(1000 + minutes)}`,
        },
      });
      expect(response.statusCode, locationText).toBe(201);
      return response.json<{ incidentId: string }>().incidentId;
    };
    const first = await Promise.all(
      [
        '18th & Paulina',
        'Paulina and 18th',
        'la 18 y Paulina',
        'esquina de la 18 con Paulína',
        'W 18th St / S Paulina St',
      ].map((text, index) => report(text, index * 4)),
    );
    const second = [await report('Cermak y Racine', 6), await report('Racine & Cermak Rd', 9)];
    const zipOnly = await report(undefined, 7);

    expect(new Set(first).size).toBe(1);
    expect(new Set(second).size).toBe(1);
    expect(second[0]).not.toBe(first[0]);
    expect([first[0], second[0]]).not.toContain(zipOnly);

    const queue = (
      await testApp.app.inject({ method: 'GET', url: '/api/incidents', headers: desk.headers })
    ).json<QueuePage>();
    const byId = (id: string) => queue.incidents.find((incident) => incident.id === id) as PresentedIncident;
    const corner = byId(first[0]!);
    expect(corner).toMatchObject({ reportCount: 5, isLocationUnclear: false });
    expect(corner.location).toMatchObject({ precision: 'place', radiusMeters: 40 });
    const truth = crossingPoint('W 18th St', 'S Paulina St');
    expect(distanceMeters(corner.location!, truth)).toBeLessThan(10);
    const apart = distanceMeters(corner.location!, byId(second[0]!).location!);
    expect(apart).toBeGreaterThan(1_000);
    const unclear = byId(zipOnly);
    expect(unclear).toMatchObject({ reportCount: 1, isLocationUnclear: true });
    expect(unclear.location?.precision).toBe('zip');
    expect(unclear.location?.radiusMeters).toBeGreaterThanOrEqual(1_000);

    // The dispatcher places it on the map at the corner: it is clustered again and joins that event.
    const placed = await testApp.app.inject({
      method: 'POST',
      url: `/api/incidents/${zipOnly}/location`,
      headers: desk.headers,
      payload: { lat: truth.lat + 0.0002, lon: truth.lon - 0.0002 },
    });
    expect(placed.statusCode).toBe(200);
    expect(placed.json<{ mergedIntoId: string | null }>().mergedIntoId).toBe(first[0]);
    const after = (
      await testApp.app.inject({ method: 'GET', url: `/api/incidents/${first[0]}`, headers: desk.headers })
    ).json<{ incident: PresentedIncident }>();
    expect(after.incident.reportCount).toBe(6);
  });

  it('lets a dispatcher place an unclear report far from anything: it becomes a placed incident of its own', async () => {
    const network = await buildNetwork(testApp.context);
    const dispatcher = await buildMember(testApp.context, {
      networkId: network.id,
      roles: [{ role: 'dispatcher' }],
      withTotp: true,
    });
    const desk = await signIn(testApp.context, dispatcher);
    const created = await testApp.app.inject({
      method: 'POST',
      url: '/api/reports',
      headers: desk.headers,
      payload: {
        channel: 'operator',
        category: 'checkpoint',
        zip: '60623',
        locationText: 'by the big church',
      },
    });
    const { incidentId } = created.json<{ incidentId: string }>();
    const placed = await testApp.app.inject({
      method: 'POST',
      url: `/api/incidents/${incidentId}/location`,
      headers: desk.headers,
      payload: { lat: 41.848, lon: -87.71 },
    });
    const answer = placed.json<{ incident: PresentedIncident; mergedIntoId: string | null }>();
    expect(answer.mergedIntoId).toBeNull();
    expect(answer.incident).toMatchObject({
      isLocationUnclear: false,
      location: { lat: 41.848, lon: -87.71, precision: 'pin', radiusMeters: 50 },
    });
    const audit = await testApp.context.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_id', '=', incidentId)
      .where('action', '=', 'incident.placed')
      .execute();
    expect(audit).toHaveLength(1);
    const outsider = await testApp.app.inject({
      method: 'POST',
      url: `/api/incidents/${incidentId}/location`,
      headers: desk.headers,
      payload: { lat: 91, lon: 0 },
    });
    expect(outsider.statusCode).toBe(400);
  });
});
