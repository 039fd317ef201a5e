import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase } from '../../server/platform/database/database.ts';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { minuteMs, network, northOf, outcome, pilsen, postPublicReport, recordEvents } from './support.ts';

describeEachDatabase('public report API', (dialect) => {
  let testApp: TestApp;
  beforeAll(async () => {
    // One test client sends many reports: the flood limits (tested by their own module) are scaled away.
    testApp = await createTestApp(dialect, { AMPARO_INTAKE_LIMIT_SCALE: '100' });
  });
  afterAll(() => testApp.close());

  const db = () => testApp.context.database.db;

  it('stores a report encrypted, opens an incident, and tells dispatchers without any text', async () => {
    const net = await network(testApp);
    const recorder = recordEvents(testApp);
    const response = await postPublicReport(testApp, net.slug, {
      category: 'workplace',
      location: northOf(pilsen, 10),
      locationText: '1800 S Blue Island Ave',
      description: 'Three unmarked vans at the loading dock',
      callbackContact: '+1 312 555 0142',
      contactConsent: true,
      language: 'es',
    });
    recorder.stop();
    expect(response.statusCode).toBe(201);
    const body = response.json<{ reportId: string; language: string; statusUrl: string }>();
    expect(body.language).toBe('es');
    expect(Object.keys(body).sort()).toEqual(['language', 'reportId', 'statusUrl']);
    expect(body.statusUrl.startsWith(`/s/${net.slug}/r/${body.reportId}.`)).toBe(true);

    const report = await db()
      .selectFrom('reports')
      .selectAll()
      .where('id', '=', body.reportId)
      .executeTakeFirstOrThrow();
    expect(report).toMatchObject({
      channel: 'web',
      category: 'workplace',
      language: 'es',
      contact_consent: 1,
    });
    expect(report.lat).toBe(41.856);
    expect(report.source_hash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const raw = JSON.stringify(report);
    // The phone's own digits, not a bare '555' (which a random id or a ciphertext can contain).
    for (const secret of ['Blue Island', 'vans', '555 0142', '5550142', '41.8564'])
      expect(raw).not.toContain(secret);
    const { crypto } = testApp.context;
    expect(crypto.decrypt(report.description_enc!, 'reports.description')).toBe(
      'Three unmarked vans at the loading dock',
    );
    expect(crypto.decrypt(report.location_point_enc!, 'reports.location_point')).toBe(
      `${northOf(pilsen, 10).lat},${pilsen.lon}`,
    );

    const incident = await db()
      .selectFrom('incidents')
      .selectAll()
      .where('id', '=', report.incident_id)
      .executeTakeFirstOrThrow();
    expect(incident).toMatchObject({
      status: 'new',
      report_count: 1,
      source_count: 1,
    });
    expect(incident.zip).toBe('60608');

    const opened = recorder.events.filter(
      (event) => event.type === 'incident.opened' && event.networkId === net.id,
    );
    expect(opened).toHaveLength(1);
    expect(opened[0]!.rooms).toEqual([`role:${net.id}:dispatcher`, `role:${net.id}:coordinator`]);
    expect(opened[0]!.data).toMatchObject({
      incidentId: incident.id,
      reportId: body.reportId,
      reportCount: 1,
      status: 'new',
    });
    const eventText = JSON.stringify(opened[0]);
    for (const secret of ['Blue Island', 'vans', '555 0142', '5550142'])
      expect(eventText).not.toContain(secret);
  });

  it('acknowledges only what another connection can already read (committed)', async () => {
    const net = await network(testApp);
    const response = await postPublicReport(testApp, net.slug, { category: 'home', zip: '60608' });
    expect(response.statusCode).toBe(201);
    const other = openDatabase(testApp.database.target);
    try {
      const row = await other.db
        .selectFrom('reports')
        .select(['id', 'location_precision', 'lat'])
        .where('id', '=', response.json<{ reportId: string }>().reportId)
        .executeTakeFirst();
      // The ZIP's centroid stands in for a pin.
      expect(row).toMatchObject({ location_precision: 'zip', lat: 41.852 });
    } finally {
      await other.close();
    }
  });

  it('clusters reports of the same place and time into one incident, and opens new ones otherwise', async () => {
    const net = await network(testApp);
    const now = testApp.clock.now();
    const send = async (point: { lat: number; lon: number }, minutesAgo: number) => {
      const response = await postPublicReport(testApp, net.slug, {
        category: 'street_stop',
        location: point,
        occurredAt: now - minutesAgo * minuteMs,
      });
      expect(response.statusCode).toBe(201);
      const reportId = response.json<{ reportId: string }>().reportId;
      const row = await db()
        .selectFrom('reports')
        .select('incident_id')
        .where('id', '=', reportId)
        .executeTakeFirstOrThrow();
      return row.incident_id;
    };
    const first = await send(pilsen, 90);
    expect(await send(northOf(pilsen, 250), 45)).toBe(first);
    expect(await send(northOf(pilsen, -200), 0)).toBe(first);
    const farAway = await send(northOf(pilsen, 1200), 0);
    expect(farAway).not.toBe(first);
    // 61 minutes before the incident's first report: outside the window.
    expect(await send(pilsen, 152)).not.toBe(first);
    const incident = await db()
      .selectFrom('incidents')
      .selectAll()
      .where('id', '=', first)
      .executeTakeFirstOrThrow();
    expect(incident.report_count).toBe(3);
    // Every report came from the same address prefix on the same day: one source.
    expect(incident.source_count).toBe(1);
    expect(incident.first_report_at).toBe(now - 90 * minuteMs);
    expect(incident.latest_report_at).toBe(now);
    expect(incident.lat).toBeCloseTo(pilsen.lat + (250 - 200) / 3 / 111_195, 3);
    // Another network's reports at the same spot never join this network's incident.
    const other = await network(testApp);
    const response = await postPublicReport(testApp, other.slug, {
      category: 'street_stop',
      location: pilsen,
    });
    const row = await db()
      .selectFrom('reports')
      .select('incident_id')
      .where('id', '=', response.json<{ reportId: string }>().reportId)
      .executeTakeFirstOrThrow();
    expect(row.incident_id).not.toBe(first);
  });

  it('answers bad input with stable 4xx codes, never a 500', async () => {
    const net = await network(testApp);
    const valid = { category: 'checkpoint', zip: '60608' };
    const cases: [Record<string, unknown>, string, number][] = [
      [{ zip: '60608' }, 'VALIDATION_FAILED', 400],
      [{ category: 'raid', zip: '60608' }, 'VALIDATION_FAILED', 400],
      [{ category: 'checkpoint' }, 'LOCATION_REQUIRED', 400],
      [{ category: 'checkpoint', zip: '00000' }, 'LOCATION_REQUIRED', 400],
      [{ category: 'checkpoint', location: { lat: 200, lon: 0 } }, 'VALIDATION_FAILED', 400],
      [{ ...valid, extra: 'field' }, 'VALIDATION_FAILED', 400],
      [{ ...valid, description: 'x'.repeat(2001) }, 'VALIDATION_FAILED', 400],
      [{ ...valid, callbackContact: '3125550142' }, 'VALIDATION_FAILED', 400],
      [{ ...valid, occurredAt: testApp.clock.now() + 60 * minuteMs }, 'VALIDATION_FAILED', 400],
      [{ ...valid, occurredAt: 'yesterday' }, 'VALIDATION_FAILED', 400],
    ];
    for (const [payload, code, status] of cases) {
      const response = await postPublicReport(testApp, net.slug, payload);
      expect([JSON.stringify(payload), ...outcome(response)]).toEqual([
        JSON.stringify(payload),
        status,
        code,
      ]);
    }
    expect(outcome(await postPublicReport(testApp, 'no-such-network', valid))).toEqual([
      404,
      'NETWORK_NOT_FOUND',
    ]);
    const malformed = await testApp.app.inject({
      method: 'POST',
      url: `/api/public/${net.slug}/reports`,
      headers: { 'content-type': 'application/json' },
      payload: '{"category": ',
    });
    expect(outcome(malformed)).toEqual([400, 'MALFORMED_BODY']);
    const poisoned = await testApp.app.inject({
      method: 'POST',
      url: `/api/public/${net.slug}/reports`,
      headers: { 'content-type': 'application/json' },
      payload: '{"category":"home","zip":"60608","__proto__":{"x":1}}',
    });
    expect(poisoned.statusCode).toBe(400);
    const count = await db()
      .selectFrom('reports')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('network_id', '=', net.id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('refuses posts another site makes a visitor’s browser send', async () => {
    const net = await network(testApp);
    const valid = { category: 'home', zip: '60608' };
    for (const headers of [{ 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }]) {
      expect(outcome(await postPublicReport(testApp, net.slug, valid, headers))).toEqual([
        403,
        'CROSS_SITE_REQUEST',
      ]);
    }
    const foreignOrigin = await testApp.app.inject({
      method: 'POST',
      url: `/api/public/${net.slug}/reports`,
      headers: { origin: 'https://evil.example' },
      payload: valid,
    });
    expect(outcome(foreignOrigin)).toEqual([403, 'CROSS_SITE_REQUEST']);
    // Our own pages send Origin: null (Referrer-Policy: no-referrer); old browsers send nothing.
    for (const headers of [{ origin: 'null' }, {}]) {
      const response = await testApp.app.inject({
        method: 'POST',
        url: `/api/public/${net.slug}/reports`,
        headers,
        payload: valid,
      });
      expect(response.statusCode).toBe(201);
    }
  });

  it('folds simultaneous reports of one event into one incident (no duplicate incidents under a race)', async () => {
    const net = await network(testApp);
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_unused, index) =>
        postPublicReport(testApp, net.slug, {
          category: 'checkpoint',
          location: northOf(pilsen, index * 10),
        }),
      ),
    );
    expect(responses.map((response) => response.statusCode)).toEqual(responses.map(() => 201));
    const incidents = await db()
      .selectFrom('incidents')
      .select(['id', 'report_count'])
      .where('network_id', '=', net.id)
      .execute();
    expect(incidents).toEqual([{ id: expect.any(String) as string, report_count: 12 }]);
  });

  it('never answers arbitrary input with a server error', async () => {
    const net = await network(testApp);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.object(),
          fc.record({
            category: fc.oneof(fc.constantFrom('home', 'other'), fc.string()),
            location: fc.oneof(fc.record({ lat: fc.double(), lon: fc.double() }), fc.anything()),
            zip: fc.oneof(fc.constantFrom('60608', '00000'), fc.string()),
            occurredAt: fc.oneof(fc.integer(), fc.string(), fc.double()),
            description: fc.string({ maxLength: 3000 }),
          }),
        ),
        async (payload) => {
          const response = await postPublicReport(testApp, net.slug, payload);
          expect(response.statusCode).toBeLessThan(500);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('pretends to accept a report whose honeypot is filled, and stores nothing', async () => {
    const net = await network(testApp);
    const response = await postPublicReport(testApp, net.slug, {
      category: 'home',
      zip: '60608',
      website: 'http://spam.example',
    });
    expect(response.statusCode).toBe(201);
    expect(response.json<{ reportId: string }>().reportId).toMatch(/^[0-9a-f-]{36}$/);
    const reports = await db().selectFrom('reports').select('id').where('network_id', '=', net.id).execute();
    const incidents = await db()
      .selectFrom('incidents')
      .select('id')
      .where('network_id', '=', net.id)
      .execute();
    expect([reports.length, incidents.length]).toEqual([0, 0]);
  });
});
