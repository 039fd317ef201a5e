import { createECDH, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.ts';
import {
  badInputWorld,
  checkSurface,
  fieldValue,
  hostileString,
  jsonBody,
  latitude,
  longitude,
  numRunsFor,
  shapedObject,
} from './bad-input.support.ts';
import type { BadInputWorld } from './bad-input.support.ts';

/** Public push subscriptions: hostile subscription objects, keys, ZIP lists and points. */
describeEachDatabase('bad input: push subscriptions', (dialect) => {
  let world: BadInputWorld;
  beforeAll(async () => {
    world = await badInputWorld(dialect);
  }, 60_000);
  afterAll(() => world.testApp.close());

  it('never answers with a 5xx, a crash or a hang', async () => {
    // Real browser keys: an uncompressed P-256 point and a 16-byte secret, base64url.
    const browserKeys = Array.from({ length: 3 }, () => {
      const ecdh = createECDH('prime256v1');
      return {
        p256dh: ecdh.generateKeys().toString('base64url'),
        auth: randomBytes(16).toString('base64url'),
      };
    });
    const keyText = fc.oneof(
      fc.base64String({ minLength: 16, maxLength: 120 }),
      fc.string({ maxLength: 100 }),
    );
    const subscription = shapedObject({
      endpoint: fieldValue(
        fc.oneof(
          fc.webUrl({ validSchemes: ['https'] }),
          fc.constantFrom(
            'https://127.0.0.1/x',
            'https://fcm.googleapis.com/fcm/send/abc',
            'javascript:alert(1)',
          ),
        ),
      ),
      expirationTime: fieldValue(fc.constant(null)),
      keys: fieldValue(shapedObject({ p256dh: fieldValue(keyText), auth: fieldValue(keyText) })),
    });
    const body = shapedObject({
      subscription: fieldValue(subscription),
      zips: fieldValue(
        fc.array(fc.oneof(fc.constantFrom('60608', '60601'), hostileString), { maxLength: 12 }),
      ),
      point: fieldValue(
        shapedObject({
          lat: fieldValue(latitude),
          lon: fieldValue(longitude),
          radiusMeters: fieldValue(fc.integer()),
        }),
      ),
      language: fieldValue(fc.constantFrom('en', 'es', 'x')),
      preference: fieldValue(fc.constantFrom('urgent', 'all', 'digest')),
    });
    const valid = fc.record({
      subscription: fc.record({
        endpoint: fc.constantFrom(
          'https://fcm.googleapis.com/fcm/send/abc',
          'https://updates.push.services.mozilla.com/wpush/v2/x',
        ),
        expirationTime: fc.constant(null),
        keys: fc.constantFrom(...browserKeys),
      }),
      zips: fc.constant(['60608']),
      language: fc.constantFrom('en', 'es'),
    });
    const outcomes = await checkSurface(
      world.testApp,
      numRunsFor(dialect),
      jsonBody(body, valid).map((payload) => ({
        method: 'POST' as const,
        url: `/api/public/${world.slug}/push-subscriptions`,
        headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
        payload,
      })),
    );
    expect(outcomes.get('201')).toBeGreaterThan(0);
    expect(outcomes.get('400 VALIDATION_FAILED')).toBeGreaterThan(0);
  }, 120_000);
});
