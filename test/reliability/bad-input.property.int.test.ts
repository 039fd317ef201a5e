import { createECDH, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signTwilioRequest } from '../../server/platform/sms/twilio-webhook.ts';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildMember, buildNetwork, defaultTestPassword, signIn } from '../support/factories.ts';
import type { SignedIn } from '../support/factories.ts';
import {
  expectSafeAnswer,
  fieldValue,
  hostileNumber,
  hostileString,
  injectBounded,
  jsonBody,
  shapedObject,
  tally,
} from './bad-input.support.ts';
import type { InjectOptions } from './bad-input.support.ts';

/**
 * Every input surface answers hostile input with a 2xx (when it happens to be valid) or a 4xx with
 * a stable code: never a 5xx, a crash or a hang. 1,000 cases per surface on SQLite, fewer on
 * PostgreSQL (the same code paths; the property run is about the parsers and services).
 */
const publicUrl = 'https://amparo.example.org';
const twilioAuthToken = 'reliability-token-1234';
const hotline = '+13125550199';

describeEachDatabase('bad input never breaks a surface', (dialect) => {
  const numRuns = dialect === 'sqlite' ? 1_000 : 150;
  let testApp: TestApp;
  let slug: string;
  let admin: SignedIn;
  let memberEmail: string;
  let templateKeys: string[];

  beforeAll(async () => {
    testApp = await createTestApp(dialect, {
      AMPARO_PUBLIC_URL: publicUrl,
      TWILIO_ACCOUNT_SID: 'ACtest00000000000000000000000000',
      TWILIO_AUTH_TOKEN: twilioAuthToken,
      TWILIO_FROM: '+13125550000',
      // One process sends everything: lift intake limits so the parsers are what gets exercised.
      AMPARO_INTAKE_LIMIT_SCALE: '10000',
    });
    const network = await buildNetwork(testApp.context, {
      languages: ['en', 'es'],
      settings: { hotlineNumbers: [hotline] },
    });
    slug = network.slug;
    const built = await buildMember(testApp.context, {
      networkId: network.id,
      roles: [{ role: 'admin' }, { role: 'coordinator' }],
      withTotp: true,
    });
    memberEmail = built.email;
    admin = await signIn(testApp.context, built, { secondFactorProved: true });
    const templates = await testApp.app.inject({
      method: 'GET',
      url: '/api/alert-templates',
      headers: admin.headers,
    });
    templateKeys = [...new Set(JSON.stringify(templates.json()).match(/"key":"([^"]+)"/g) ?? [])].map(
      (match) => match.slice(7, -1),
    );
  }, 60_000);
  afterAll(() => testApp.close());

  /** Runs the property and checks the cases did not all stop at the same first check. */
  async function checkSurface(requests: fc.Arbitrary<InjectOptions>): Promise<Map<string, number>> {
    const outcomes = tally();
    await fc.assert(
      fc.asyncProperty(requests, async (request) => {
        outcomes.add(expectSafeAnswer(await injectBounded(testApp, request)));
      }),
      { numRuns, endOnFailure: true },
    );
    if (process.env.AMPARO_SHOW_OUTCOMES) console.log(JSON.stringify([...outcomes.labels()]));
    return outcomes.labels();
  }

  const category = fc.constantFrom(
    'home',
    'workplace',
    'street_stop',
    'checkpoint',
    'courthouse',
    'transport',
    'other',
  );
  const latitude = fc.double({ min: 41.6, max: 42.1, noNaN: true });
  const longitude = fc.double({ min: -87.9, max: -87.5, noNaN: true });
  const reportFields = {
    category: fieldValue(category),
    zip: fieldValue(fc.constantFrom('60608', '60601', '6060', '60608-1234')),
    description: fieldValue(fc.string({ maxLength: 300 })),
    locationText: fieldValue(fc.string({ maxLength: 80 })),
    callbackContact: fieldValue(fc.string({ maxLength: 40 })),
    language: fieldValue(fc.constantFrom('en', 'es', 'es-MX', 'zz', 'x')),
    website: fieldValue(fc.constant('')),
  };

  it('the JSON report API', async () => {
    const body = shapedObject({
      ...reportFields,
      location: fieldValue(shapedObject({ lat: fieldValue(latitude), lon: fieldValue(longitude) })),
      occurredAt: fieldValue(
        fc.oneof(
          fc.integer({ min: 1, max: Date.now() }),
          fc.date().map((d) => d.toISOString()),
        ),
      ),
      contactConsent: fieldValue(fc.boolean()),
    });
    const valid = fc.record(
      {
        category,
        location: fc.record({ lat: latitude, lon: longitude }),
        description: fc.string({ minLength: 1, maxLength: 300 }).filter((text) => text.trim() !== ''),
      },
      { requiredKeys: ['category', 'location'] },
    );
    const outcomes = await checkSurface(
      jsonBody(body, valid).map((payload) => ({
        method: 'POST' as const,
        url: `/api/public/${slug}/reports`,
        headers: { 'content-type': 'application/json' },
        payload,
      })),
    );
    expect(outcomes.get('201')).toBeGreaterThan(0);
    expect(outcomes.get('400 VALIDATION_FAILED')).toBeGreaterThan(0);
  }, 120_000);

  it('the public report form (urlencoded)', async () => {
    const asText = (arbitrary: fc.Arbitrary<unknown>) =>
      arbitrary.map((value) => (typeof value === 'string' ? value : (JSON.stringify(value) ?? '')));
    const form = fc.record(
      {
        ...Object.fromEntries(Object.entries(reportFields).map(([key, value]) => [key, asText(value)])),
        lat: asText(fieldValue(latitude.map(String))),
        lon: asText(fieldValue(longitude.map(String))),
        minutesAgo: fc.oneof(fc.constantFrom('0', '15', '480'), hostileString),
        contactConsent: fc.oneof(fc.constantFrom('yes', 'on'), hostileString),
      },
      { requiredKeys: [] },
    );
    const payload = fc.oneof(
      {
        weight: 5,
        arbitrary: form.map((fields) => new URLSearchParams(fields as Record<string, string>).toString()),
      },
      { weight: 1, arbitrary: fc.string({ maxLength: 300 }) },
    );
    const origin = fc.oneof(
      { weight: 9, arbitrary: fc.constant(publicUrl) },
      { weight: 1, arbitrary: fc.webUrl() },
    );
    const outcomes = await checkSurface(
      fc.tuple(payload, origin).map(([body, from]) => ({
        method: 'POST' as const,
        url: `/r/${slug}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: from },
        payload: body,
      })),
    );
    expect(outcomes.get('201')).toBeGreaterThan(0);
    expect(outcomes.get('400 html')).toBeGreaterThan(0);
  }, 120_000);

  const twilioParams = fc
    .tuple(
      fc.record(
        {
          From: fc.oneof(fc.constantFrom('+17735550123', '+447700900123'), hostileString),
          To: fc.oneof(fc.constant(hotline), hostileString),
          Body: fc.oneof(
            fc.constantFrom('ICE at 18th and Blue Island', 'STOP', 'SUBSCRIBE 60608', 'YES'),
            hostileString,
          ),
          MessageSid: fc.string({ maxLength: 40 }),
          MessageStatus: fc.oneof(fc.constantFrom('delivered', 'failed', 'sent'), hostileString),
        },
        { requiredKeys: [] },
      ),
      fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), hostileString, { maxKeys: 4 }),
    )
    .map(([known, extra]) => ({ ...extra, ...known }));

  for (const path of ['/webhooks/twilio/sms', '/webhooks/twilio/status']) {
    it(`Twilio webhook ${path}: correctly signed garbage and bad signatures`, async () => {
      const signature = fc.oneof(
        { weight: 4, arbitrary: fc.constant<'valid'>('valid') },
        {
          weight: 1,
          arbitrary: fc.oneof(fc.constant(''), fc.base64String({ maxLength: 40 }), hostileString),
        },
      );
      const outcomes = await checkSurface(
        fc.tuple(twilioParams, signature).map(([params, signing]) => {
          const usable = Object.fromEntries(Object.entries(params).filter(([key]) => key !== '__proto__'));
          const header =
            signing === 'valid' ? signTwilioRequest(twilioAuthToken, `${publicUrl}${path}`, usable) : signing;
          return {
            method: 'POST' as const,
            url: path,
            headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': header },
            payload: new URLSearchParams(usable).toString(),
          };
        }),
      );
      expect([...outcomes.keys()].some((label) => label.startsWith('2'))).toBe(true);
      expect(
        outcomes.get('403 TWILIO_SIGNATURE_INVALID') ?? outcomes.get('401 TWILIO_SIGNATURE_INVALID'),
      ).toBeGreaterThan(0);
    }, 120_000);
  }

  it('push subscriptions', async () => {
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
      jsonBody(body, valid).map((payload) => ({
        method: 'POST' as const,
        url: `/api/public/${slug}/push-subscriptions`,
        headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
        payload,
      })),
    );
    expect(outcomes.get('201')).toBeGreaterThan(0);
    expect(outcomes.get('400 VALIDATION_FAILED')).toBeGreaterThan(0);
  }, 120_000);

  it('area GeoJSON, circles and ZIP lists', async () => {
    const position = fc.array(hostileNumber, { minLength: 0, maxLength: 4 });
    const ring = fc.array(fc.oneof(fc.tuple(longitude, latitude), position), { maxLength: 12 });
    const geometry = shapedObject({
      type: fieldValue(
        fc.constantFrom('Polygon', 'MultiPolygon', 'Feature', 'FeatureCollection', 'Point', 'LineString'),
      ),
      coordinates: fieldValue(
        fc.oneof(
          fc.array(ring, { maxLength: 3 }),
          fc.array(fc.array(ring, { maxLength: 2 }), { maxLength: 2 }),
        ),
      ),
      geometry: fieldValue(fc.jsonValue({ maxDepth: 3 })),
      features: fieldValue(fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 3 })),
    });
    const area = fc.oneof(
      shapedObject({
        name: fieldValue(fc.string({ minLength: 1, maxLength: 30 })),
        kind: fc.constant('polygon'),
        geojson: fieldValue(geometry),
      }),
      shapedObject({
        name: fieldValue(fc.string({ minLength: 1, maxLength: 30 })),
        kind: fc.constant('circle'),
        center: fieldValue(shapedObject({ lat: fieldValue(latitude), lon: fieldValue(longitude) })),
        radiusMeters: fieldValue(fc.integer({ min: -10, max: 200_000 })),
      }),
      shapedObject({
        name: fieldValue(fc.string({ minLength: 1, maxLength: 30 })),
        kind: fieldValue(fc.constant('zips')),
        zips: fieldValue(
          fc.array(fc.oneof(fc.constantFrom('60608', '00000', '99999'), hostileString), { maxLength: 8 }),
        ),
      }),
    );
    const valid = fc.oneof(
      fc.record({
        name: fc.string({ minLength: 1, maxLength: 30 }).filter((name) => name.trim() !== ''),
        kind: fc.constant('circle'),
        center: fc.record({ lat: latitude, lon: longitude }),
        radiusMeters: fc.integer({ min: 10, max: 100_000 }),
      }),
      fc.record({
        name: fc.string({ minLength: 1, maxLength: 30 }).filter((name) => name.trim() !== ''),
        kind: fc.constant('polygon'),
        geojson: fc.tuple(latitude, longitude).map(([lat, lon]) => ({
          type: 'Polygon',
          coordinates: [
            [
              [lon, lat],
              [lon + 0.01, lat],
              [lon + 0.01, lat + 0.01],
              [lon, lat],
            ],
          ],
        })),
      }),
    );
    const outcomes = await checkSurface(
      jsonBody(area, valid).map((payload) => ({
        method: 'POST' as const,
        url: '/api/areas',
        headers: { 'content-type': 'application/json', ...admin.headers },
        payload,
      })),
    );
    expect(outcomes.get('201')).toBeGreaterThan(0);
    expect(outcomes.get('400 VALIDATION_FAILED')).toBeGreaterThan(0);
  }, 120_000);

  it('alert templates (ICU message bodies)', async () => {
    const icuPiece = fc.constantFrom(
      '{',
      '}',
      'place',
      ',',
      ' plural',
      ' select',
      '#',
      'one {x}',
      'other {y}',
      "'",
      '<b>',
      '</b>',
      'text ',
      '{place}',
      '{time, date}',
    );
    const templateBody = fc.oneof(
      fc.array(icuPiece, { maxLength: 20 }).map((pieces) => pieces.join('')),
      hostileString,
      fc.constant(null),
    );
    const body = shapedObject({
      key: fieldValue(fc.constantFrom(...(templateKeys.length > 0 ? templateKeys : ['alert']))),
      language: fieldValue(fc.constantFrom('en', 'es', 'ar')),
      body: fieldValue(templateBody),
    });
    const valid = fc.record({
      key: fc.constantFrom(...(templateKeys.length > 0 ? templateKeys : ['alert'])),
      language: fc.constantFrom('en', 'es'),
      body: fc.constantFrom(null, 'Verified activity near {place}.', 'Actividad verificada.'),
    });
    const outcomes = await checkSurface(
      jsonBody(body, valid).map((payload) => ({
        method: 'PUT' as const,
        url: '/api/alert-templates',
        headers: { 'content-type': 'application/json', ...admin.headers },
        payload,
      })),
    );
    expect(templateKeys.length).toBeGreaterThan(0);
    expect(outcomes.get('200')).toBeGreaterThan(0);
    expect(outcomes.get('400 VALIDATION_FAILED')).toBeGreaterThan(0);
  }, 120_000);

  it('sign-in', async () => {
    const body = shapedObject({
      email: fieldValue(fc.oneof(fc.constant(memberEmail), fc.emailAddress())),
      password: fieldValue(fc.oneof(fc.constant(defaultTestPassword), fc.string({ maxLength: 60 }))),
    });
    const outcomes = await checkSurface(
      fc
        .tuple(
          jsonBody(
            body,
            fc.record({ email: fc.constant(memberEmail), password: fc.constant(defaultTestPassword) }),
          ),
          fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded'),
        )
        .map(([payload, contentType]) => ({
          method: 'POST' as const,
          url: '/api/auth/sign-in',
          headers: { 'content-type': contentType, origin: publicUrl },
          payload,
        })),
    );
    expect(outcomes.get('400 VALIDATION_FAILED')).toBeGreaterThan(0);
  }, 120_000);
});
