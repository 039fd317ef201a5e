import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadVapidKeys } from '../../server/platform/push/index.ts';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildAlertWorld, smsSubscribe } from './support/alert-world.ts';
import { browserSubscription, call, outcome, uniquePhone } from './support/api.ts';

describeEachDatabase('subscriptions', (dialect) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp(dialect, {
      AMPARO_PUBLIC_URL: 'https://amparo.example.org',
      TWILIO_FROM: '+13125550100',
      TWILIO_ACCOUNT_SID: 'ACtest',
      TWILIO_AUTH_TOKEN: 'test-token-123',
    });
  });
  afterAll(() => testApp.close());
  const db = () => testApp.context.database.db;

  it('answers SMS keywords in the subscriber language and stores the number only encrypted', async () => {
    const world = await buildAlertWorld(testApp);
    const phone = uniquePhone();
    const help = await smsSubscribe(testApp, world.network.id, phone, 'AYUDA');
    expect(help.handled).toBe(true);
    expect(help.replies[0]).toContain('ALTA');
    expect((await smsSubscribe(testApp, world.network.id, phone, 'ALTA 00000')).replies[0]).toContain(
      '00000',
    );
    expect((await smsSubscribe(testApp, world.network.id, phone, 'alta')).replies[0]).toContain('60608');
    const joined = await smsSubscribe(testApp, world.network.id, phone, 'ALTA 60608 60609');
    expect(joined.replies[0]).toMatch(/60608, 60609/);
    const arabic = await smsSubscribe(testApp, world.network.id, phone, 'idioma ar');
    expect(arabic.replies[0]).toContain('العربية');
    expect((await smsSubscribe(testApp, world.network.id, phone, 'LANG xx')).replies[0]).toContain(
      'en, es, ar',
    );
    expect(
      await smsSubscribe(testApp, world.network.id, phone, 'Hay agentes en la escuela de la 18'),
    ).toEqual({ handled: false, replies: [] });

    const rows = await db()
      .selectFrom('subscribers')
      .selectAll()
      .where('network_id', '=', world.network.id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ channel: 'sms', language: 'ar', status: 'active', preference: 'urgent' });
    expect(JSON.stringify(rows)).not.toContain(phone.slice(2));
    const areas = await db()
      .selectFrom('subscriber_areas')
      .select('zip')
      .where('subscriber_id', '=', rows[0]!.id)
      .orderBy('zip')
      .execute();
    expect(areas.map((area) => area.zip)).toEqual(['60608', '60609']);
  });

  it('validates push subscriptions strictly and rejects unknown ZIP codes with stable codes', async () => {
    const world = await buildAlertWorld(testApp);
    const url = `/api/public/${world.network.slug}/push-subscriptions`;
    const good = browserSubscription();
    const post = (body: unknown, headers: Record<string, string> = {}) =>
      testApp.app.inject({ method: 'POST', url, payload: body as object, headers });
    for (const subscription of [
      { ...good, endpoint: 'http://updates.push.services.mozilla.com/x' },
      { ...good, endpoint: 'https://10.0.0.5/x' },
      { ...good, keys: { ...good.keys, p256dh: good.keys.p256dh.slice(1) } },
      { ...good, keys: { ...good.keys, auth: randomBytes(8).toString('base64url') } },
      { ...good, keys: { p256dh: good.keys.p256dh } },
      { ...good, extra: 'x' },
      'not an object',
    ]) {
      expect(outcome(await post({ subscription, zips: ['60608'], language: 'en' }))).toEqual([
        400,
        'PUSH_SUBSCRIPTION_INVALID',
      ]);
    }
    expect(outcome(await post({ subscription: good, zips: ['99999'], language: 'en' }))).toEqual([
      400,
      'ZIP_UNKNOWN',
    ]);
    expect(outcome(await post({ subscription: good, zips: ['6060'], language: 'en' }))).toEqual([
      400,
      'VALIDATION_FAILED',
    ]);
    expect(outcome(await post({ subscription: good, zips: [], language: 'en' }))).toEqual([
      400,
      'VALIDATION_FAILED',
    ]);
    expect(outcome(await post({ subscription: good, zips: ['60608'], language: 'fr' }))).toEqual([
      400,
      'VALIDATION_FAILED',
    ]);
    expect(
      outcome(
        await post({
          subscription: good,
          point: { lat: 41.85, lon: -87.67, radiusMeters: 5 },
          language: 'en',
        }),
      ),
    ).toEqual([400, 'VALIDATION_FAILED']);
    expect(
      outcome(
        await post(
          { subscription: good, zips: ['60608'], language: 'en' },
          { 'sec-fetch-site': 'cross-site' },
        ),
      ),
    ).toEqual([403, 'CROSS_SITE_REQUEST']);
    expect(
      outcome(
        await testApp.app.inject({
          method: 'POST',
          url: '/api/public/no-such-net/push-subscriptions',
          payload: { subscription: good, zips: ['60608'], language: 'en' },
        }),
      ),
    ).toEqual([404, 'NETWORK_NOT_FOUND']);
    expect(
      await db().selectFrom('subscribers').select('id').where('network_id', '=', world.network.id).execute(),
    ).toHaveLength(0);

    const created = await post({
      subscription: good,
      zips: ['60608'],
      point: { lat: 41.85, lon: -87.67, radiusMeters: 2000 },
      language: 'es',
      preference: 'all',
    });
    expect(created.statusCode).toBe(201);
    const body = created.json<{ subscriberId: string; unsubscribeUrl: string }>();
    // The same browser again updates its one row; the endpoint is stored encrypted only.
    expect(
      (await post({ subscription: good, zips: ['60609'], language: 'en' })).json<{ subscriberId: string }>()
        .subscriberId,
    ).toBe(body.subscriberId);
    const row = await db()
      .selectFrom('subscribers')
      .selectAll()
      .where('id', '=', body.subscriberId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ channel: 'push', language: 'en', status: 'active' });
    expect(row.contact_enc).not.toContain('mozilla');
    expect(
      await db()
        .selectFrom('subscriber_areas')
        .select('zip')
        .where('subscriber_id', '=', body.subscriberId)
        .execute(),
    ).toEqual([{ zip: '60609' }]);

    // Unsubscribe link: a tampered token is refused; the real one ends the subscription.
    const tampered = body.unsubscribeUrl.replace(/.$/, (last) => (last === 'A' ? 'B' : 'A'));
    expect(
      (
        await testApp.app.inject({
          method: 'POST',
          url: tampered,
          payload: {},
          headers: { 'content-type': 'application/json' },
        })
      ).statusCode,
    ).toBe(404);
    const page = await testApp.app.inject({ method: 'GET', url: body.unsubscribeUrl });
    expect(page.statusCode).toBe(200);
    const done = await testApp.app.inject({
      method: 'POST',
      url: body.unsubscribeUrl,
      payload: {},
      headers: { 'content-type': 'application/json' },
    });
    expect(done.json()).toEqual({ status: 'unsubscribed' });
    expect(
      (
        await db()
          .selectFrom('subscribers')
          .select('status')
          .where('id', '=', body.subscriberId)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('unsubscribed');
  });

  it('serves a subscribe page that works without JavaScript and loads push support from its own scripts only', async () => {
    const world = await buildAlertWorld(testApp);
    const page = await testApp.app.inject({
      method: 'GET',
      url: `/a/${world.network.slug}/subscribe?lang=es`,
    });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const scripts = [...page.body.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts).toHaveLength(1);
    expect(scripts[0]![1]).toContain(`src="/a/${world.network.slug}/subscribe.js"`);
    expect(scripts[0]![2]!.trim()).toBe('');
    expect(page.body).toContain(`action="/a/${world.network.slug}/subscribe/email"`);
    expect(page.body).toContain('ALTA');
    expect(page.body).toContain('+13125550100');
    const keys = await loadVapidKeys({
      db: db(),
      crypto: testApp.context.crypto,
      clock: testApp.context.clock,
    });
    expect(page.body).toContain(`data-vapid-key="${keys.publicKey}"`);
    for (const name of ['subscribe.js', 'sw.js']) {
      const script = await testApp.app.inject({ method: 'GET', url: `/a/${world.network.slug}/${name}` });
      expect(script.statusCode).toBe(200);
      expect(script.headers['content-type']).toContain('text/javascript');
    }
    // The form re-renders with a clear message on bad input instead of failing.
    const bad = await testApp.app.inject({
      method: 'POST',
      url: `/a/${world.network.slug}/subscribe/email`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'es' },
      payload: 'email=someone%40example.test&zips=99999&language=es',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('código postal');
    expect(
      (await testApp.app.inject({ method: 'GET', url: '/a/no-such-network/subscribe' })).statusCode,
    ).toBe(404);
    expect(
      (await testApp.app.inject({ method: 'GET', url: `/a/${world.network.slug}/confirm/not-a-token` }))
        .statusCode,
    ).toBe(404); // the page shows what a link confirms, so an unknown link has nothing to show
    expect(
      (
        await testApp.app.inject({
          method: 'POST',
          url: `/a/${world.network.slug}/confirm/not-a-token`,
          payload: {},
        })
      ).statusCode,
    ).toBe(404);
  });

  it('makes one VAPID key pair per deployment, with the private key encrypted at rest', async () => {
    const deps = { db: db(), crypto: testApp.context.crypto, clock: testApp.context.clock };
    const first = await loadVapidKeys(deps);
    const rows = await db().selectFrom('vapid_keys').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.public_key).toBe(first.publicKey);
    expect(rows[0]!.private_key_enc).not.toContain(first.privateKey);
    expect(rows[0]!.private_key_enc.startsWith('v1.')).toBe(true);
  });

  it('lets only admins and coordinators mark exercise recipients', async () => {
    const world = await buildAlertWorld(testApp);
    const body = { channel: 'sms', contact: uniquePhone(), isExerciseRecipient: true };
    expect(outcome(await call(testApp, 'PUT', '/api/subscribers/exercise-recipient', null, body))).toEqual([
      401,
      'UNAUTHENTICATED',
    ]);
    expect(
      outcome(await call(testApp, 'PUT', '/api/subscribers/exercise-recipient', world.dispatcher, body)),
    ).toEqual([403, 'FORBIDDEN']);
    expect(
      (await call(testApp, 'PUT', '/api/subscribers/exercise-recipient', world.admin, body)).json(),
    ).toEqual({ isFound: false });
    expect(
      outcome(
        await call(testApp, 'PUT', '/api/subscribers/exercise-recipient', world.admin, {
          ...body,
          channel: 'push',
        }),
      ),
    ).toEqual([400, 'VALIDATION_FAILED']);
  });
});
