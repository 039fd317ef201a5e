import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support/app.ts';
import type { TestApp } from '../../../../test/support/app.ts';
import { describeEachDatabase } from '../../../../test/support/databases.ts';
import { buildMember, buildNetwork, signIn } from '../../../../test/support/factories.ts';

interface ErrorBody {
  error?: { code: string; details?: { path?: string; message: string }[] };
}

describeEachDatabase('areas API input checks', (dialect) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp(dialect);
  });
  afterAll(() => testApp.close());

  async function world() {
    const network = await buildNetwork(testApp.context);
    const built = await buildMember(testApp.context, {
      networkId: network.id,
      roles: [{ role: 'admin' }],
      withTotp: true,
    });
    return { network, admin: { ...built, session: await signIn(testApp.context, built) } };
  }

  function call(
    method: 'POST',
    url: string,
    who: { session: { headers: Record<string, string> } },
    payload: unknown,
  ) {
    return testApp.app.inject({ method, url, headers: who.session.headers, payload: payload as object });
  }

  const codeOf = (response: { statusCode: number; json(): ErrorBody }) => [
    response.statusCode,
    response.json().error?.code,
  ];

  it('answers bad shapes with stable 4xx codes and the place of the fault', async () => {
    const { network, admin } = await world();
    const post = (body: unknown) => call('POST', '/api/areas', admin, body);

    const openRing = {
      type: 'Polygon',
      coordinates: [
        [
          [-87.6, 41.8],
          [-87.5, 41.8],
          [-87.5, 41.9],
          [-87.6, 41.85],
        ],
      ],
    };
    const bad = await post({ name: 'Open', kind: 'polygon', geojson: openRing });
    expect(codeOf(bad)).toEqual([400, 'GEOJSON_INVALID']);
    expect(bad.json<ErrorBody>().error?.details?.[0]?.path).toBe('geojson.coordinates.0');
    const latitude = await post({
      name: 'Far',
      kind: 'polygon',
      geojson: {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 95],
            [1, 1],
            [0, 0],
          ],
        ],
      },
    });
    expect(latitude.json<ErrorBody>().error?.details?.[0]?.path).toBe('geojson.coordinates.0.1.1');
    expect(
      codeOf(await post({ name: 'Point', kind: 'polygon', geojson: { type: 'Point', coordinates: [0, 0] } })),
    ).toEqual([400, 'GEOJSON_INVALID']);
    expect(codeOf(await post({ name: 'Nothing', kind: 'polygon' }))).toEqual([400, 'VALIDATION_FAILED']);
    expect(codeOf(await post({ name: 'Text', kind: 'polygon', geojson: 'POLYGON((0 0, 1 1))' }))).toEqual([
      400,
      'GEOJSON_INVALID',
    ]);

    const unknown = await post({ name: 'Unknown', kind: 'zips', zips: ['60608', '00000', '99999'] });
    expect(codeOf(unknown)).toEqual([400, 'ZIP_UNKNOWN']);
    expect(unknown.json<ErrorBody>().error?.details?.map((detail) => detail.path)).toEqual([
      'zips.1',
      'zips.2',
    ]);
    expect(unknown.body).toContain('00000');
    expect(codeOf(await post({ name: 'Letters', kind: 'zips', zips: ['6060A'] }))).toEqual([
      400,
      'VALIDATION_FAILED',
    ]);
    expect(codeOf(await post({ name: 'None', kind: 'zips', zips: [] }))).toEqual([400, 'VALIDATION_FAILED']);
    const tooMany = Array.from({ length: 501 }, () => '60608');
    expect(codeOf(await post({ name: 'Many', kind: 'zips', zips: tooMany }))).toEqual([
      400,
      'VALIDATION_FAILED',
    ]);

    const circle = (center: unknown, radiusMeters: unknown) =>
      post({ name: 'C', kind: 'circle', center, radiusMeters });
    expect(codeOf(await circle({ lat: 41, lon: -87 }, 100_001))).toEqual([400, 'VALIDATION_FAILED']);
    expect(codeOf(await circle({ lat: 41, lon: -87 }, -5))).toEqual([400, 'VALIDATION_FAILED']);
    expect(codeOf(await circle({ lat: 91, lon: -87 }, 500))).toEqual([400, 'VALIDATION_FAILED']);
    expect(codeOf(await circle({ lat: '41', lon: -87 }, 500))).toEqual([400, 'VALIDATION_FAILED']);
    expect(codeOf(await post({ name: 'X', kind: 'hexagon' }))).toEqual([400, 'VALIDATION_FAILED']);
    expect(codeOf(await post({ name: '', kind: 'zips', zips: ['60608'] }))).toEqual([
      400,
      'VALIDATION_FAILED',
    ]);
    expect(codeOf(await post({ name: 'X', kind: 'zips', zips: ['60608'], extra: 1 }))).toEqual([
      400,
      'VALIDATION_FAILED',
    ]);
    expect(codeOf(await post([1, 2, 3]))).toEqual([400, 'VALIDATION_FAILED']);

    const huge = Array.from({ length: 10_001 }, (_, index) => [
      Math.cos(index / 1000),
      Math.sin(index / 1000),
    ]);
    huge.push(huge[0]!);
    const oversized = await post({
      name: 'Huge',
      kind: 'polygon',
      geojson: { type: 'Polygon', coordinates: [huge] },
    });
    expect(codeOf(oversized)).toEqual([400, 'GEOJSON_INVALID']);
    const enormous = await testApp.app.inject({
      method: 'POST',
      url: '/api/areas',
      headers: { ...admin.session.headers, 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'Enormous', kind: 'zips', zips: ['1'.repeat(2 * 1024 * 1024)] }),
    });
    expect(codeOf(enormous)).toEqual([413, 'BODY_TOO_LARGE']);
    const count = await testApp.database.db
      .selectFrom('areas')
      .select('id')
      .where('network_id', '=', network.id)
      .execute();
    expect(count).toEqual([]);
  });
});
