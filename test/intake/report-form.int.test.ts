import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { call, network, staff } from './support.ts';

const formHeaders = { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' };

describeEachDatabase('public report form (no JavaScript)', (dialect) => {
  let testApp: TestApp;
  beforeAll(async () => {
    // One test client sends many reports: the flood limits (tested by their own module) are scaled away.
    testApp = await createTestApp(dialect, { AMPARO_INTAKE_LIMIT_SCALE: '100' });
  });
  afterAll(() => testApp.close());

  const post = (
    slug: string,
    fields: Record<string, string>,
    headers: Record<string, string> = formHeaders,
  ) =>
    testApp.app.inject({
      method: 'POST',
      url: `/r/${slug}`,
      headers,
      payload: new URLSearchParams(fields).toString(),
    });

  const reportCount = async (networkId: string) =>
    (
      await testApp.context.database.db
        .selectFrom('reports')
        .select('id')
        .where('network_id', '=', networkId)
        .execute()
    ).length;

  it('serves a small, script-optional form in the reporter’s language, right-to-left for Arabic', async () => {
    const net = await network(testApp);
    const english = await testApp.app.inject({ method: 'GET', url: `/r/${net.slug}` });
    expect(english.statusCode).toBe(200);
    expect(english.headers['content-type']).toContain('text/html');
    expect(english.body).toContain('<html lang="en" dir="ltr"');
    expect(english.body).toContain('immigration status');
    expect(Buffer.byteLength(english.body)).toBeLessThan(20_000);
    for (const name of [
      'category',
      'locationText',
      'zip',
      'lat',
      'lon',
      'minutesAgo',
      'description',
      'callbackContact',
      'contactConsent',
      'website',
    ]) {
      expect(english.body).toContain(`name="${name}"`);
    }
    expect(english.body).not.toMatch(/<script>|\sstyle="|\son[a-z]+="/);

    const spanish = await testApp.app.inject({
      method: 'GET',
      url: `/r/${net.slug}`,
      headers: { 'accept-language': 'es-MX,es;q=0.9' },
    });
    expect(spanish.body).toContain('<html lang="es" dir="ltr"');
    expect(spanish.body).toContain('estatus migratorio');
    const arabic = await testApp.app.inject({ method: 'GET', url: `/r/${net.slug}?lang=ar` });
    expect(arabic.body).toContain('<html lang="ar" dir="rtl"');
    expect(arabic.body).toContain('وضع الهجرة');

    // The page, its stylesheet and its optional script together stay far below 30 KB.
    const assets = await Promise.all(
      [...english.body.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((match) =>
        testApp.app.inject({ method: 'GET', url: match[1]!.replace(/&amp;/g, '&') }),
      ),
    );
    expect(assets.length).toBe(2);
    const total = assets.reduce(
      (sum, asset) => sum + Buffer.byteLength(asset.body),
      Buffer.byteLength(english.body),
    );
    console.log(
      `report form weight: page ${Buffer.byteLength(english.body)} B, with stylesheet and script ${total} B`,
    );
    expect(assets.every((asset) => asset.statusCode === 200)).toBe(true);
    expect(total).toBeLessThan(30_000);

    const unknown = await testApp.app.inject({ method: 'GET', url: '/r/no-such-network' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('no network at this address');
  });

  it('stores a plain urlencoded post and confirms in the form’s language only after storing it', async () => {
    const net = await network(testApp);
    const response = await post(net.slug, {
      language: 'es',
      category: 'workplace',
      locationText: 'Cermak y Western',
      zip: '60608',
      lat: '',
      lon: '',
      minutesAgo: '15',
      description: 'Dos camionetas sin placas',
      callbackContact: '',
      website: '',
    });
    expect(response.statusCode).toBe(201);
    expect(response.body).toContain('<html lang="es"');
    expect(response.body).toContain('Reporte recibido');
    const link = /href="(\/s\/[^"]+)"/.exec(response.body)?.[1];
    expect(link).toBeDefined();
    const stored = await testApp.context.database.db
      .selectFrom('reports')
      .selectAll()
      .where('network_id', '=', net.id)
      .execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      channel: 'web',
      category: 'workplace',
      language: 'es',
      location_precision: 'zip',
    });
    expect(stored[0]!.occurred_at).toBe(testApp.clock.now() - 15 * 60 * 1000);

    // The status link tells where this report stands, in broad steps: no report text, no people,
    // nothing about the incident it joined (issue 27).
    const status = await testApp.app.inject({ method: 'GET', url: `${link}?lang=es` });
    expect(status.statusCode).toBe(200);
    expect(status.body).toContain('Recibido.');
    expect(status.body).not.toContain('camionetas');
    expect(status.body).not.toContain('Cermak');
    const dispatcher = await staff(testApp, net.id, [{ role: 'dispatcher' }]);
    await call(testApp, 'POST', `/api/incidents/${stored[0]!.incident_id}/status`, dispatcher, {
      status: 'verifying',
    });
    // Someone checking it changes nothing a person at the scene could watch for.
    const checking = await testApp.app.inject({ method: 'GET', url: `${link}?lang=es` });
    expect(checking.body).toBe(status.body);
    await call(testApp, 'POST', `/api/incidents/${stored[0]!.incident_id}/status`, dispatcher, {
      status: 'false_alarm',
    });
    const later = await testApp.app.inject({ method: 'GET', url: `${link}?lang=en` });
    expect(later.body).toContain('False alarm');
    expect(
      (await testApp.app.inject({ method: 'GET', url: `/s/${net.slug}/nonexistent-id-123` })).statusCode,
    ).toBe(404);
  });

  it('shows no confirmation when the report could not be stored', async () => {
    const net = await network(testApp);
    const db = testApp.context.database.db;
    // Simulate a failing disk for this network's reports only.
    if (dialect === 'sqlite') {
      await sql
        .raw(
          `create trigger fail_reports before insert on reports when new.network_id = '${net.id}' begin select raise(abort, 'disk I/O error'); end`,
        )
        .execute(db);
    } else {
      await sql
        .raw(
          `create function fail_reports() returns trigger language plpgsql as $$ begin if new.network_id = '${net.id}' then raise exception 'disk I/O error'; end if; return new; end $$`,
        )
        .execute(db);
      await sql
        .raw(
          'create trigger fail_reports before insert on reports for each row execute function fail_reports()',
        )
        .execute(db);
    }
    try {
      const response = await post(net.slug, { category: 'home', zip: '60608', language: 'en' });
      expect(response.statusCode).toBe(503);
      expect(response.body).not.toContain('Report received');
      expect(response.body).toContain('could not save your report');
      // The incident written in the same transaction was rolled back with it.
      expect(
        await db.selectFrom('incidents').select('id').where('network_id', '=', net.id).execute(),
      ).toEqual([]);
    } finally {
      await sql
        .raw(dialect === 'sqlite' ? 'drop trigger fail_reports' : 'drop trigger fail_reports on reports')
        .execute(db);
      if (dialect === 'postgres') await sql.raw('drop function fail_reports()').execute(db);
    }
  });

  it('answers a filled honeypot with a confirmation and stores nothing', async () => {
    const net = await network(testApp);
    const response = await post(net.slug, {
      category: 'home',
      zip: '60608',
      website: 'https://cheap-pills.example',
    });
    expect(response.statusCode).toBe(201);
    expect(response.body).toContain('Report received');
    expect(await reportCount(net.id)).toBe(0);
  });

  it('shows the form again with translated errors and the reporter’s input, never a 500', async () => {
    const net = await network(testApp);
    const missingPlace = await post(net.slug, {
      language: 'es',
      category: 'home',
      description: 'Agentes en la puerta',
    });
    expect(missingPlace.statusCode).toBe(400);
    expect(missingPlace.body).toContain('Diga dónde está pasando');
    expect(missingPlace.body).toContain('Agentes en la puerta');
    expect(missingPlace.body).toMatch(/id="field-home"|value="home"[^>]*checked/);

    const noConsent = await post(net.slug, { category: 'home', zip: '60608', callbackContact: '3125550111' });
    expect(noConsent.statusCode).toBe(400);
    expect(noConsent.body).toContain('Tick the box to let us contact you');

    for (const fields of <Record<string, string>[]>[
      { zip: '60608' },
      { category: 'raid', zip: '60608' },
      { category: 'home', zip: '606' },
      { category: 'home', lat: 'north', lon: '-87' },
      { category: 'home', zip: '60608', minutesAgo: '9999' },
      { category: 'home', zip: '60608', description: 'x'.repeat(2001) },
    ]) {
      const response = await post(net.slug, fields);
      expect([JSON.stringify(fields), response.statusCode]).toEqual([JSON.stringify(fields), 400]);
      expect(response.body).toContain('<form');
    }
    expect(await reportCount(net.id)).toBe(0);

    const crossSite = await post(
      net.slug,
      { category: 'home', zip: '60608' },
      { ...formHeaders, 'sec-fetch-site': 'cross-site' },
    );
    expect(crossSite.statusCode).toBe(403);
    expect(await reportCount(net.id)).toBe(0);
    const unknown = await post('no-such-network', { category: 'home', zip: '60608' });
    expect(unknown.statusCode).toBe(404);
    const json = await testApp.app.inject({
      method: 'POST',
      url: `/r/${net.slug}`,
      headers: { 'content-type': 'text/plain' },
      payload: 'category=home',
    });
    expect(json.statusCode).toBeGreaterThanOrEqual(400);
    expect(json.statusCode).toBeLessThan(500);
  });
});
