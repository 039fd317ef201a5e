import { afterAll, beforeAll, expect, it } from 'vitest';
import { newId } from '../../server/platform/ids/ids.ts';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildArea, buildMember, buildNetwork, signIn } from '../support/factories.ts';
import type { SignedIn } from '../support/factories.ts';
import { buildIncident } from '../intake/incident-factory.ts';

/**
 * "May this principal see this incident" has one answer (intake's requireIncidentAccess), so every
 * route under /api/incidents/:incidentId answers a hidden incident the same way as a missing one:
 * 404 INCIDENT_NOT_FOUND, whether it belongs to another network or lies outside an area grant.
 */
const incidentReads = [
  '',
  '/notes',
  '/messages',
  '/offers',
  '/suggestions',
  '/evidence',
  '/evidence-exports',
] as const;

describeEachDatabase('one incident access check', (dialect) => {
  let testApp: TestApp;
  let incidentId: string;
  let networkWide: SignedIn;
  let otherArea: SignedIn;
  let otherNetwork: SignedIn;

  beforeAll(async () => {
    testApp = await createTestApp(dialect);
    const context = testApp.context;
    const network = await buildNetwork(context);
    const pilsen = { lat: 41.8564, lon: -87.6604 };
    await buildArea(context, network.id, { center: pilsen, radiusMeters: 2000 });
    const faraway = await buildArea(context, network.id, { center: { lat: 41.98, lon: -87.66 } });
    incidentId = (await buildIncident(context, network.id, { location: pilsen })).id;
    // Coordinators hold every role these reads need (incidents, dispatch, evidence, exports).
    const coordinator = async (networkId: string, areaId: string | null) =>
      signIn(
        context,
        await buildMember(context, { networkId, roles: [{ role: 'coordinator', areaId }], withTotp: true }),
        { secondFactorProved: true },
      );
    networkWide = await coordinator(network.id, null);
    otherArea = await coordinator(network.id, faraway.id);
    otherNetwork = await coordinator((await buildNetwork(context)).id, null);
  });
  afterAll(() => testApp.close());

  const get = (session: SignedIn, id: string, suffix: string) =>
    testApp.app.inject({ method: 'GET', url: `/api/incidents/${id}${suffix}`, headers: session.headers });

  it('lets a network-wide coordinator read every view of the incident', async () => {
    for (const suffix of incidentReads) {
      const response = await get(networkWide, incidentId, suffix);
      // Suggestions may refuse for another reason (no responders), never as not found.
      expect(response.statusCode, suffix).not.toBe(404);
      expect(response.statusCode, suffix).toBeLessThan(500);
    }
  });

  it('answers INCIDENT_NOT_FOUND for another network, outside the grant, and for no incident at all', async () => {
    const cases: [SignedIn, string][] = [
      [otherNetwork, incidentId],
      [otherArea, incidentId],
      [networkWide, newId()],
    ];
    for (const [session, id] of cases) {
      for (const suffix of incidentReads) {
        const response = await get(session, id, suffix);
        expect(
          [response.statusCode, response.json<{ error: { code: string } }>().error.code],
          suffix,
        ).toEqual([404, 'INCIDENT_NOT_FOUND']);
      }
    }
  });
});
