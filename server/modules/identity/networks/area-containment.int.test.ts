import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support/app.ts';
import type { TestApp } from '../../../../test/support/app.ts';
import { describeEachDatabase } from '../../../../test/support/databases.ts';
import { buildArea, buildMember, buildNetwork, signIn } from '../../../../test/support/factories.ts';
import { lookupZip } from '../../../platform/geo/index.ts';
import { findAreasContainingPoint } from './index.ts';
import type { Area } from './index.ts';

/** A 10 x 10 km-ish square over Pilsen with a hole around Harrison Park. */
const squareWithHole = {
  type: 'Polygon',
  coordinates: [
    [
      [-87.7, 41.83],
      [-87.62, 41.83],
      [-87.62, 41.88],
      [-87.7, 41.88],
      [-87.7, 41.83],
    ],
    [
      [-87.68, 41.85],
      [-87.67, 41.85],
      [-87.67, 41.86],
      [-87.68, 41.86],
      [-87.68, 41.85],
    ],
  ],
};

describeEachDatabase('findAreasContainingPoint', (dialect) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp(dialect);
  });
  afterAll(() => testApp.close());

  async function networkWithAreas() {
    const network = await buildNetwork(testApp.context);
    const built = await buildMember(testApp.context, {
      networkId: network.id,
      roles: [{ role: 'admin' }],
      withTotp: true,
    });
    const session = await signIn(testApp.context, built);
    const create = async (body: object) => {
      const response = await testApp.app.inject({
        method: 'POST',
        url: '/api/areas',
        headers: session.headers,
        payload: body,
      });
      expect(response.statusCode).toBe(201);
      return response.json<Area>();
    };
    return {
      network,
      square: await create({ name: 'Square', kind: 'polygon', geojson: squareWithHole }),
      circle: await create({
        name: 'Circle',
        kind: 'circle',
        center: { lat: 41.8564, lon: -87.6604 },
        radiusMeters: 1000,
      }),
      zips: await create({ name: 'Zips', kind: 'zips', zips: ['60608', '60623'] }),
    };
  }

  const namesAt = async (networkId: string, lat: number, lon: number) =>
    (await findAreasContainingPoint(testApp.database.db, networkId, lat, lon)).map((area) => area.name);

  it('finds every area of each kind that holds the point, and only those', async () => {
    const { network, square, circle, zips } = await networkWithAreas();
    // Pilsen, 18th St: inside the square, the circle and ZIP 60608.
    const found = await findAreasContainingPoint(testApp.database.db, network.id, 41.8576, -87.6594);
    expect(found).toEqual([
      { id: circle.id, name: 'Circle', kind: 'circle' },
      { id: square.id, name: 'Square', kind: 'polygon' },
      { id: zips.id, name: 'Zips', kind: 'zips' },
    ]);
    // In the hole of the square, ~1.1 km from the circle centre, nearest centroid 60608.
    expect(await namesAt(network.id, 41.855, -87.6755)).toEqual(['Zips']);
    // Lincoln Park: ZIP 60614 is nearest, outside every area.
    const lincolnPark = lookupZip('60614')!;
    expect(await namesAt(network.id, lincolnPark.lat, lincolnPark.lon)).toEqual([]);
    // The Loop (60603) lies in the square's corner but is nearer another ZIP than 60608.
    const loop = lookupZip('60603')!;
    expect(await namesAt(network.id, loop.lat, loop.lon)).toEqual(['Square']);
    // Little Village (60623 centroid), west of the square.
    const littleVillage = lookupZip('60623')!;
    expect(await namesAt(network.id, littleVillage.lat, littleVillage.lon)).toEqual(['Zips']);
    // Far away, and not on Earth.
    expect(await namesAt(network.id, 40.7128, -74.006)).toEqual([]);
    expect(await namesAt(network.id, Number.NaN, -87.66)).toEqual([]);
    expect(await namesAt(network.id, 95, -87.66)).toEqual([]);
  });

  it("never returns another network's areas", async () => {
    const a = await networkWithAreas();
    const b = await buildNetwork(testApp.context);
    expect(await namesAt(b.id, 41.8576, -87.6594)).toEqual([]);
    expect(await namesAt(a.network.id, 41.8576, -87.6594)).toHaveLength(3);
  });

  it('skips a damaged row instead of failing the caller', async () => {
    const network = await buildNetwork(testApp.context);
    const good = await buildArea(testApp.context, network.id, { name: 'Good' });
    const damaged = await buildArea(testApp.context, network.id, { name: 'Damaged' });
    await testApp.database.db
      .updateTable('areas')
      .set({ definition: '{not json' })
      .where('id', '=', damaged.id)
      .execute();
    const polygonRow = await buildArea(testApp.context, network.id, { name: 'Bare polygon' });
    await testApp.database.db
      .updateTable('areas')
      .set({ kind: 'polygon', definition: good.geometry })
      .where('id', '=', polygonRow.id)
      .execute();
    expect(await namesAt(network.id, 41.8564, -87.6604)).toEqual(['Bare polygon', 'Good']);
  });

  it('reads areas written by other means (factory circle rows)', async () => {
    const network = await buildNetwork(testApp.context);
    await buildArea(testApp.context, network.id, {
      name: 'Factory',
      center: { lat: 41.8564, lon: -87.6604 },
      radiusMeters: 2000,
    });
    expect(await namesAt(network.id, 41.87, -87.6604)).toEqual(['Factory']); // ~1.5 km north
    expect(await namesAt(network.id, 41.88, -87.6604)).toEqual([]); // ~2.6 km north
  });
});
