import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { runPurgeTasks } from '../../server/platform/retention/index.ts';
import { purgeTasks } from '../../server/retention.ts';
import { createTestApp, createTestContext } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildNetwork } from '../support/factories.ts';
import { browserSubscription } from '../alerts/support/api.ts';

const caps = {
  AMPARO_CONFIRMATIONS_PER_ADDRESS_PER_HOUR: '3',
  AMPARO_CONFIRMATIONS_PER_NETWORK_PER_HOUR: '6',
  AMPARO_CONFIRMATIONS_PER_HOUR: '9',
  AMPARO_PUSH_SUBSCRIPTIONS_PER_NETWORK_PER_HOUR: '3',
};

let addressCounter = 0;
/** A different /24 each time: the per-prefix limit is not what these tests are about. */
function freshAddress(): string {
  addressCounter += 1;
  return `198.${(addressCounter >> 8) & 255}.${addressCounter & 255}.7`;
}

describeEachDatabase('outsider limits: subscriptions', (dialect) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp(dialect, { AMPARO_PUBLIC_URL: 'https://amparo.example.org', ...caps });
  });
  afterAll(() => testApp.close());
  // Each test in its own hour: the global cap is shared by every network of the deployment.
  beforeEach(() => testApp.clock.advance(60 * 60 * 1000));
  const purge = () =>
    runPurgeTasks(
      { db: testApp.context.database.db, dialect: testApp.context.database.dialect, clock: testApp.clock },
      purgeTasks,
    );

  const requestEmail = (app: TestApp['app'], slug: string, email: string) =>
    app.inject({
      method: 'POST',
      url: `/a/${slug}/subscribe/email`,
      remoteAddress: freshAddress(),
      payload: { email, zips: ['60608'], language: 'en', preference: 'urgent' },
    });
  const network = () => buildNetwork(testApp.context, { languages: ['en', 'es'] });

  it('counts plus-tags and Gmail dots as the same mailbox', async () => {
    const { slug } = await network();
    const variants = [
      'victim+1@gmail.com',
      'v.ictim@gmail.com',
      'Victim+news@googlemail.com',
      'vic.tim+2@gmail.com',
    ];
    const statuses = [];
    for (const email of variants) statuses.push((await requestEmail(testApp.app, slug, email)).statusCode);
    expect(statuses).toEqual([202, 202, 202, 429]);
    // Another mailbox is not affected.
    expect((await requestEmail(testApp.app, slug, 'someone.else@example.org')).statusCode).toBe(202);
  });

  it('caps confirmation mail per network, and globally, so one flooded network leaves others a budget', async () => {
    const first = await network();
    const second = await network();
    const firstStatuses = [];
    for (let index = 0; index < 8; index += 1)
      firstStatuses.push((await requestEmail(testApp.app, first.slug, `a${index}@example.org`)).statusCode);
    expect(firstStatuses).toEqual([202, 202, 202, 202, 202, 202, 429, 429]);
    const refused = await requestEmail(testApp.app, first.slug, 'late@example.org');
    expect(refused.json<{ error: { code: string } }>().error.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // The second network still has its own budget, up to the global cap for the hour.
    const secondStatuses = [];
    for (let index = 0; index < 5; index += 1)
      secondStatuses.push((await requestEmail(testApp.app, second.slug, `b${index}@example.org`)).statusCode);
    expect(secondStatuses).toEqual([202, 202, 202, 429, 429]);
    // The next hour starts afresh.
    testApp.clock.advance(60 * 60 * 1000);
    expect((await requestEmail(testApp.app, first.slug, 'next-hour@example.org')).statusCode).toBe(202);
  });

  it('holds the caps across two app instances on one database', async () => {
    const { slug } = await network();
    const otherContext = createTestContext(testApp.database, testApp.clock, testApp.context.config);
    // Same keys, so both instances compute the same blind indexes (as two processes of one deployment do).
    Object.assign(otherContext, { crypto: testApp.context.crypto });
    const other = await buildApp(otherContext);
    await other.ready();
    try {
      const apps = [testApp.app, other, testApp.app, other];
      const statuses = [];
      for (const app of apps) statuses.push((await requestEmail(app, slug, 'shared+x@gmail.com')).statusCode);
      expect(statuses).toEqual([202, 202, 202, 429]);
    } finally {
      await other.close();
    }
  });

  it('purges addresses never confirmed within 48 hours, and forgets pending changes', async () => {
    const { id: networkId, slug } = await network();
    expect((await requestEmail(testApp.app, slug, 'never-confirms@example.org')).statusCode).toBe(202);
    const db = testApp.context.database.db;
    const count = async () =>
      (await db.selectFrom('subscribers').select('id').where('network_id', '=', networkId).execute()).length;
    expect(await count()).toBe(1);
    testApp.clock.advance(47 * 60 * 60 * 1000);
    await purge();
    expect(await count()).toBe(1);
    testApp.clock.advance(2 * 60 * 60 * 1000);
    await purge();
    expect(await count()).toBe(0);
  });

  it('accepts push endpoints only on known push services', async () => {
    const { slug } = await network();
    const post = (subscription: unknown) =>
      testApp.app.inject({
        method: 'POST',
        url: `/api/public/${slug}/push-subscriptions`,
        remoteAddress: freshAddress(),
        payload: { subscription, zips: ['60608'], language: 'en' },
      });
    const good = browserSubscription();
    for (const endpoint of [
      'https://tarpit.example.com/push/1',
      'https://push.apple.com.attacker.example/x',
    ]) {
      const response = await post({ ...good, endpoint });
      expect(response.statusCode, endpoint).toBe(400);
      expect(response.json<{ error: { code: string } }>().error.code).toBe('PUSH_SUBSCRIPTION_INVALID');
    }
    expect((await post(good)).statusCode).toBe(201);
  });

  it('caps new push subscriptions per network per hour; a browser renewing its own is not new', async () => {
    const { slug } = await network();
    const post = (subscription: unknown) =>
      testApp.app.inject({
        method: 'POST',
        url: `/api/public/${slug}/push-subscriptions`,
        remoteAddress: freshAddress(),
        payload: { subscription, zips: ['60608'], language: 'en' },
      });
    const subscriptions = Array.from({ length: 4 }, () => browserSubscription());
    const statuses = [];
    for (const subscription of subscriptions) statuses.push((await post(subscription)).statusCode);
    expect(statuses).toEqual([201, 201, 201, 429]);
    expect((await post(subscriptions[0])).statusCode).toBe(201);
    // Another network is not affected.
    const other = await network();
    const response = await testApp.app.inject({
      method: 'POST',
      url: `/api/public/${other.slug}/push-subscriptions`,
      remoteAddress: freshAddress(),
      payload: { subscription: browserSubscription(), zips: ['60608'], language: 'en' },
    });
    expect(response.statusCode).toBe(201);
  });
});
