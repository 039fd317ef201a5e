import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support/app.ts';
import type { TestApp } from '../../../../test/support/app.ts';
import { describeEachDatabase } from '../../../../test/support/databases.ts';
import { buildInvitation, buildMember, buildNetwork, signIn } from '../../../../test/support/factories.ts';
import type { MemberOptions } from '../../../../test/support/factories.ts';
import { roles } from '../members/index.ts';
import type { Area } from './index.ts';

const pilsenSquare = {
  type: 'Polygon',
  coordinates: [
    [
      [-87.68, 41.84],
      [-87.64, 41.84],
      [-87.64, 41.87],
      [-87.68, 41.87],
      [-87.68, 41.84],
    ],
  ],
};

type Caller = { session: { headers: Record<string, string> } } | null;
interface ErrorBody {
  error?: { code: string; details?: { path?: string; message: string }[] };
}

describeEachDatabase('areas API', (dialect) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp(dialect);
  });
  afterAll(() => testApp.close());

  async function member(networkId: string, options: Omit<MemberOptions, 'networkId'>) {
    const built = await buildMember(testApp.context, { networkId, ...options });
    return { ...built, session: await signIn(testApp.context, built) };
  }

  async function world() {
    const network = await buildNetwork(testApp.context);
    const admin = await member(network.id, { roles: [{ role: 'admin' }], withTotp: true });
    return { network, admin };
  }

  function call(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, who: Caller, payload?: unknown) {
    return testApp.app.inject({
      method,
      url,
      headers: who?.session.headers ?? {},
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  }

  const codeOf = (response: { statusCode: number; json(): ErrorBody }) => [
    response.statusCode,
    response.json().error?.code,
  ];

  it('lets an admin create each kind of area, stored with definition, geometry and box', async () => {
    const { network, admin } = await world();
    const polygon = await call('POST', '/api/areas', admin, {
      name: 'Pilsen',
      kind: 'polygon',
      geojson: pilsenSquare,
    });
    expect(polygon.statusCode).toBe(201);
    expect(polygon.json<Area>()).toMatchObject({
      name: 'Pilsen',
      kind: 'polygon',
      definition: { geojson: pilsenSquare },
      geometry: pilsenSquare,
      boundingBox: { minLat: 41.84, minLon: -87.68, maxLat: 41.87, maxLon: -87.64 },
    });

    const zips = await call('POST', '/api/areas', admin, {
      name: 'Little Village',
      kind: 'zips',
      zips: ['60623', '60608', '60623'],
    });
    expect(zips.statusCode).toBe(201);
    const zipArea = zips.json<Area>();
    expect(zipArea.definition).toEqual({ zips: ['60623', '60608'] });
    expect(zipArea.geometry.type).toBe('MultiPolygon');
    expect(zipArea.geometry.coordinates).toHaveLength(2);

    const circle = await call('POST', '/api/areas', admin, {
      name: 'Around the clinic',
      kind: 'circle',
      center: { lat: 41.8564, lon: -87.6604 },
      radiusMeters: 1500,
    });
    expect(circle.statusCode).toBe(201);
    const circleArea = circle.json<Area>();
    expect(circleArea.geometry.type).toBe('Polygon');
    expect(circleArea.geometry.coordinates[0]).toHaveLength(65);

    const listed = await call('GET', '/api/areas', admin);
    expect(listed.json<{ areas: Area[] }>().areas.map((area) => area.name)).toEqual([
      'Around the clinic',
      'Little Village',
      'Pilsen',
    ]);
    const stored = await testApp.database.db
      .selectFrom('areas')
      .selectAll()
      .where('network_id', '=', network.id)
      .execute();
    expect(stored).toHaveLength(3);
    const audit = await testApp.database.db
      .selectFrom('audit_log')
      .select(['action', 'object_id', 'actor_member_id'])
      .where('chain', '=', network.id)
      .where('action', 'like', 'area.%')
      .orderBy('seq')
      .execute();
    expect(audit).toEqual(
      [polygon, zips, circle].map((response) => ({
        action: 'area.created',
        object_id: response.json<Area>().id,
        actor_member_id: admin.id,
      })),
    );
  });

  it('lets any active member read areas, and no one else', async () => {
    const { network, admin } = await world();
    const area = (
      await call('POST', '/api/areas', admin, { name: 'A', kind: 'zips', zips: ['60608'] })
    ).json<Area>();
    const responder = await member(network.id, { roles: [{ role: 'responder' }] });
    const noRole = await member(network.id, { roles: [] });
    const probationary = await member(network.id, { roles: [{ role: 'responder' }], status: 'probationary' });
    const suspended = await member(network.id, { roles: [{ role: 'responder' }], status: 'suspended' });
    for (const reader of [responder, noRole]) {
      expect((await call('GET', `/api/areas/${area.id}`, reader)).json<Area>().name).toBe('A');
      expect((await call('GET', '/api/areas', reader)).json<{ areas: Area[] }>().areas).toHaveLength(1);
    }
    expect(codeOf(await call('GET', `/api/areas/${area.id}`, probationary))).toEqual([403, 'FORBIDDEN']);
    expect(codeOf(await call('GET', '/api/areas', probationary))).toEqual([403, 'FORBIDDEN']);
    expect((await call('GET', '/api/areas', suspended)).statusCode).toBeGreaterThanOrEqual(401);
    expect(codeOf(await call('GET', '/api/areas', null))).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('refuses writes from every role but admin, and from an admin without a second factor', async () => {
    const { network, admin } = await world();
    const area = (
      await call('POST', '/api/areas', admin, { name: 'Kept', kind: 'zips', zips: ['60608'] })
    ).json<Area>();
    const body = { name: 'New', kind: 'zips', zips: ['60623'] };
    const areaLimitedAdmin = await member(network.id, {
      roles: [{ role: 'admin', areaId: area.id }],
      withTotp: true,
    });
    const adminWithoutFactor = await member(network.id, { roles: [{ role: 'admin' }], withTotp: false });
    for (const role of roles.filter((name) => name !== 'admin')) {
      const caller = await member(network.id, { roles: [{ role }], withTotp: true });
      expect(codeOf(await call('POST', '/api/areas', caller, body)), role).toEqual([403, 'FORBIDDEN']);
      expect(codeOf(await call('PUT', `/api/areas/${area.id}`, caller, body)), role).toEqual([
        403,
        'FORBIDDEN',
      ]);
      expect(codeOf(await call('DELETE', `/api/areas/${area.id}`, caller)), role).toEqual([403, 'FORBIDDEN']);
    }
    expect(codeOf(await call('POST', '/api/areas', areaLimitedAdmin, body))).toEqual([403, 'FORBIDDEN']);
    expect(codeOf(await call('PUT', `/api/areas/${area.id}`, areaLimitedAdmin, body))).toEqual([
      403,
      'FORBIDDEN',
    ]);
    expect(codeOf(await call('POST', '/api/areas', adminWithoutFactor, body))).toEqual([
      403,
      'SECOND_FACTOR_REQUIRED',
    ]);
    expect(codeOf(await call('POST', '/api/areas', null, body))).toEqual([401, 'UNAUTHENTICATED']);
    const withoutCsrf = await testApp.app.inject({
      method: 'POST',
      url: '/api/areas',
      headers: { cookie: admin.session.headers.cookie },
      payload: body,
    });
    expect(codeOf(withoutCsrf)).toEqual([403, 'CSRF_FAILED']);
    const names = await testApp.database.db
      .selectFrom('areas')
      .select('name')
      .where('network_id', '=', network.id)
      .execute();
    expect(names).toEqual([{ name: 'Kept' }]);
  });

  it("answers AREA_NOT_FOUND for another network's area, to readers and admins alike", async () => {
    const a = await world();
    const b = await world();
    const areaOfA = (
      await call('POST', '/api/areas', a.admin, { name: 'Secret', kind: 'zips', zips: ['60608'] })
    ).json<Area>();
    const readerOfB = await member(b.network.id, { roles: [{ role: 'responder' }] });
    const unknownId = '0190f5b2-0000-7000-8000-000000000000';
    for (const id of [areaOfA.id, unknownId, 'not-a-uuid', `${'x'.repeat(150)}`]) {
      expect(codeOf(await call('GET', `/api/areas/${id}`, readerOfB))).toEqual([404, 'AREA_NOT_FOUND']);
      expect(codeOf(await call('GET', `/api/areas/${id}`, b.admin))).toEqual([404, 'AREA_NOT_FOUND']);
      const put = await call('PUT', `/api/areas/${id}`, b.admin, {
        name: 'Mine',
        kind: 'zips',
        zips: ['60623'],
      });
      expect(codeOf(put)).toEqual([404, 'AREA_NOT_FOUND']);
      expect(codeOf(await call('DELETE', `/api/areas/${id}`, b.admin))).toEqual([404, 'AREA_NOT_FOUND']);
    }
    expect((await call('GET', '/api/areas', b.admin)).json<{ areas: Area[] }>().areas).toEqual([]);
    const still = await call('GET', `/api/areas/${areaOfA.id}`, a.admin);
    expect(still.json<Area>()).toMatchObject({ name: 'Secret', definition: { zips: ['60608'] } });
  });

  it('replaces an area (kind may change) and audits it', async () => {
    const { network, admin } = await world();
    const area = (
      await call('POST', '/api/areas', admin, { name: 'Old', kind: 'zips', zips: ['60608'] })
    ).json<Area>();
    testApp.clock.advance(1000);
    const replaced = await call('PUT', `/api/areas/${area.id}`, admin, {
      name: 'New',
      kind: 'circle',
      center: { lat: 41.85, lon: -87.65 },
      radiusMeters: 800,
    });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json<Area>()).toMatchObject({
      id: area.id,
      name: 'New',
      kind: 'circle',
      definition: { center: { lat: 41.85, lon: -87.65 }, radiusMeters: 800 },
      createdAt: area.createdAt,
      updatedAt: area.createdAt + 1000,
    });
    expect((await call('GET', `/api/areas/${area.id}`, admin)).json<Area>()).toEqual(replaced.json<Area>());
    const actions = await testApp.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('chain', '=', network.id)
      .where('action', 'like', 'area.%')
      .orderBy('seq')
      .execute();
    expect(actions.map((row) => row.action)).toEqual(['area.created', 'area.updated']);
  });

  it('refuses a second area with the same name (case-insensitive), but allows keeping its own', async () => {
    const { admin } = await world();
    const area = (
      await call('POST', '/api/areas', admin, { name: 'Pilsen', kind: 'zips', zips: ['60608'] })
    ).json<Area>();
    const duplicate = await call('POST', '/api/areas', admin, {
      name: 'pilsen',
      kind: 'zips',
      zips: ['60623'],
    });
    expect(codeOf(duplicate)).toEqual([409, 'AREA_NAME_TAKEN']);
    const same = await call('PUT', `/api/areas/${area.id}`, admin, {
      name: 'Pilsen',
      kind: 'zips',
      zips: ['60623'],
    });
    expect(same.statusCode).toBe(200);
  });

  it('deletes an unused area, and refuses one that role grants or pending invitations name', async () => {
    const { network, admin } = await world();
    const create = async (name: string) =>
      (await call('POST', '/api/areas', admin, { name, kind: 'zips', zips: ['60608'] })).json<Area>();
    const unused = await create('Unused');
    const granted = await create('Granted');
    const invited = await create('Invited');
    await buildMember(testApp.context, {
      networkId: network.id,
      roles: [{ role: 'responder', areaId: granted.id }],
    });
    await buildInvitation(testApp.context, {
      networkId: network.id,
      createdBy: admin.id,
      roles: [{ role: 'responder', areaId: invited.id }],
    });
    expect(codeOf(await call('DELETE', `/api/areas/${granted.id}`, admin))).toEqual([409, 'AREA_IN_USE']);
    expect(codeOf(await call('DELETE', `/api/areas/${invited.id}`, admin))).toEqual([409, 'AREA_IN_USE']);
    const deleted = await call('DELETE', `/api/areas/${unused.id}`, admin);
    expect(deleted.statusCode).toBe(204);
    expect(codeOf(await call('GET', `/api/areas/${unused.id}`, admin))).toEqual([404, 'AREA_NOT_FOUND']);
    const remaining = await call('GET', '/api/areas', admin);
    expect(remaining.json<{ areas: Area[] }>().areas.map((area) => area.name)).toEqual([
      'Granted',
      'Invited',
    ]);
    const deletions = await testApp.database.db
      .selectFrom('audit_log')
      .select('object_id')
      .where('chain', '=', network.id)
      .where('action', '=', 'area.deleted')
      .execute();
    expect(deletions).toEqual([{ object_id: unused.id }]);
  });
});
