import type { Kysely } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { planAlert } from '../../server/modules/alerting/alerts/index.ts';
import * as roundSubscriberPoints from '../../server/migrations/2026_11_29_0014_round_subscriber_points.ts';
import { systemClock } from '../../server/platform/clock/clock.ts';
import { boundingBoxAround } from '../../server/platform/geo/index.ts';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildAlertWorld, buildIncident, pilsen } from './support/alert-world.ts';
import type { AlertWorld } from './support/alert-world.ts';
import { approve, browserSubscription, call } from './support/api.ts';

describeEachDatabase("a subscriber's point", (dialect) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp(dialect, { AMPARO_PUBLIC_URL: 'https://amparo.example.org' });
  });
  afterAll(() => testApp.close());
  const db = () => testApp.context.database.db;

  /** A push subscription sent straight to the API, as a client that skips the page's rounding would. */
  async function subscribeAt(world: AlertWorld, point: { lat: number; lon: number }): Promise<string> {
    const response = await testApp.app.inject({
      method: 'POST',
      url: `/api/public/${world.network.slug}/push-subscriptions`,
      payload: {
        subscription: browserSubscription(),
        point: { ...point, radiusMeters: 1000 },
        language: 'en',
      },
    });
    expect(response.statusCode).toBe(201);
    return response.json<{ subscriberId: string }>().subscriberId;
  }

  it('is stored rounded to about 100 m and still matches alerts in its area', async () => {
    const world = await buildAlertWorld(testApp);
    // A few metres from the incident (Pilsen), and about 2.2 km north of it: out of a 1 km circle.
    const near = await subscribeAt(world, { lat: 41.851234, lon: -87.669876 });
    const far = await subscribeAt(world, { lat: 41.871567, lon: -87.669432 });

    const areas = await db()
      .selectFrom('subscriber_areas')
      .selectAll()
      .where('subscriber_id', 'in', [near, far])
      .execute();
    const nearArea = areas.find((area) => area.subscriber_id === near)!;
    expect(nearArea).toMatchObject({ kind: 'circle', lat: 41.851, lon: -87.67, radius_meters: 1000 });
    expect(areas.find((area) => area.subscriber_id === far)).toMatchObject({ lat: 41.872, lon: -87.669 });
    // The prefilter box is centred on the stored point, not on the exact one.
    expect((nearArea.min_lat + nearArea.max_lat) / 2).toBeCloseTo(41.851, 9);
    expect((nearArea.min_lon + nearArea.max_lon) / 2).toBeCloseTo(-87.67, 9);
    expect(JSON.stringify(areas)).not.toMatch(/41\.851234|669876|41\.871567|669432/);

    const incidentId = await buildIncident(testApp.context, world.network.id, pilsen);
    const draft = await call(testApp, 'POST', '/api/alerts', world.drafter, { incidentId });
    const alertId = draft.json<{ alert: { id: string } }>().alert.id;
    expect((await approve(testApp, alertId, world.approver)).statusCode).toBe(200);
    await planAlert(
      { db: db(), dialect, clock: systemClock, jobs: { wake: () => undefined } },
      alertId,
      new AbortController().signal,
    );
    const deliveries = await db()
      .selectFrom('alert_deliveries')
      .select(['recipient_id', 'channel'])
      .where('alert_id', '=', alertId)
      .execute();
    expect(deliveries).toEqual([{ recipient_id: near, channel: 'push' }]);
  });

  it('is rounded, with its box, where an earlier version stored it exactly (migration 0014)', async () => {
    const world = await buildAlertWorld(testApp);
    const subscriberId = await subscribeAt(world, { lat: 41.851, lon: -87.67 });
    // As rows were written before the server rounded: the exact point and a box around it.
    const exact = { lat: 41.851234, lon: -87.669876 };
    const box = boundingBoxAround(exact, 1000);
    await db()
      .updateTable('subscriber_areas')
      .set({
        lat: exact.lat,
        lon: exact.lon,
        min_lat: box.minLat,
        min_lon: box.minLon,
        max_lat: box.maxLat,
        max_lon: box.maxLon,
      })
      .where('subscriber_id', '=', subscriberId)
      .execute();
    await roundSubscriberPoints.up(db() as Kysely<unknown>);
    const area = await db()
      .selectFrom('subscriber_areas')
      .selectAll()
      .where('subscriber_id', '=', subscriberId)
      .executeTakeFirstOrThrow();
    expect(area).toMatchObject({ lat: 41.851, lon: -87.67 });
    const rounded = boundingBoxAround({ lat: 41.851, lon: -87.67 }, 1000);
    expect(area.min_lat).toBeCloseTo(rounded.minLat, 6);
    expect(area.max_lat).toBeCloseTo(rounded.maxLat, 6);
    expect(area.min_lon).toBeCloseTo(rounded.minLon, 6);
    expect(area.max_lon).toBeCloseTo(rounded.maxLon, 6);
  });
});
