import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { distanceMeters } from '../../server/platform/geo/index.ts';
import { buildAlertWorld, buildIncident, pilsen } from './support/alert-world.ts';
import type { AlertWorld } from './support/alert-world.ts';
import { approve, call } from './support/api.ts';

const schema = path.resolve(import.meta.dirname, '../fixtures/CAP-v1.2.xsd');

/** Validates with libxml2 (Debian's libxml2-utils); throws with xmllint's message when invalid. */
function xmllint(document: string, withSchema: boolean): void {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-cap-'));
  const file = path.join(directory, 'document.xml');
  fs.writeFileSync(file, document);
  try {
    execFileSync('xmllint', ['--noout', ...(withSchema ? ['--schema', schema] : []), file], {
      stdio: 'pipe',
    });
  } catch (error) {
    throw new Error(
      `xmllint rejected the document: ${String((error as { stderr?: Buffer }).stderr ?? error)}\n${document}`,
      { cause: error },
    );
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

interface AlertBody {
  alert: { id: string; publicId: string };
}

describeEachDatabase('public alerts: page, JSON, CAP 1.2 and Atom', (dialect) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp(dialect, { AMPARO_PUBLIC_URL: 'https://amparo.example.org' });
  });
  afterAll(() => testApp.close());

  async function approved(world: AlertWorld, body: Record<string, unknown>) {
    const draft = await call(testApp, 'POST', '/api/alerts', world.drafter, body);
    expect(draft.statusCode).toBe(201);
    const { alert } = draft.json<AlertBody>();
    expect((await approve(testApp, alert.id, world.approver)).statusCode).toBe(200);
    return alert;
  }

  const cap = (world: AlertWorld, publicId: string) =>
    testApp.app.inject({ method: 'GET', url: `/a/${world.network.slug}/alerts/${publicId}.cap` });

  it('publishes every alert as CAP 1.2 that validates against the OASIS schema', async () => {
    const world = await buildAlertWorld(testApp);
    const incidentId = await buildIncident(testApp.context, world.network.id);
    // Markup and an ampersand in the free text must come out escaped, never as XML.
    const original = await approved(world, {
      incidentId,
      freeText: { en: 'Vans at <Ashland & 18th> "gate 3"' },
    });
    const correction = (
      await call(testApp, 'POST', `/api/alerts/${original.id}/correct`, world.drafter, {
        freeText: { en: 'Gate 5, not 3.' },
      })
    ).json<AlertBody>().alert;
    expect((await approve(testApp, correction.id, world.approver)).statusCode).toBe(200);
    const cancellation = (
      await call(testApp, 'POST', `/api/alerts/${correction.id}/cancel`, world.approver, {})
    ).json<AlertBody>().alert;
    // The cancellation's words are public: a second coordinator approves them.
    expect((await approve(testApp, cancellation.id, world.drafter)).statusCode).toBe(200);
    const drill = await approved(world, {
      incidentId: await buildIncident(testApp.context, world.network.id),
      status: 'exercise',
      template: 'allClear',
    });

    const documents: Record<string, string> = {};
    for (const [name, alert] of Object.entries({ original, correction, cancellation, drill })) {
      const response = await cap(world, alert.publicId);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('application/cap+xml');
      xmllint(response.body, true);
      documents[name] = response.body;
    }
    expect(documents.original).toContain('<msgType>Alert</msgType>');
    expect(documents.original).toContain('<status>Actual</status>');
    expect(documents.original).toContain('&lt;Ashland &amp; 18th&gt;');
    expect(documents.original).not.toContain('<Ashland');
    expect(documents.original!.match(/<info>/g)).toHaveLength(3);
    expect(documents.original).toMatch(/<sent>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d-00:00<\/sent>/);
    // The published circle is coarse (0.01°) yet still covers the incident's point.
    const [, lat, lon, radiusKm] =
      /<circle>(-?\d+\.\d\d),(-?\d+\.\d\d) (\d+\.\d)<\/circle>/.exec(documents.original!) ?? [];
    expect(distanceMeters(pilsen, { lat: Number(lat), lon: Number(lon) })).toBeLessThanOrEqual(
      Number(radiusKm) * 1000,
    );
    expect(Number(radiusKm)).toBeGreaterThanOrEqual(1);
    expect(documents.original).not.toContain(String(pilsen.lat));
    expect(documents.correction).toContain('<msgType>Update</msgType>');
    expect(documents.correction).toMatch(
      new RegExp(
        `<references>${world.network.slug}@amparo\\.example\\.org,${original.publicId},[^<]+</references>`,
      ),
    );
    // An update references what came before it, never the cancellation that followed it.
    expect(documents.correction).not.toContain(cancellation.publicId);
    expect(documents.cancellation).toContain('<msgType>Cancel</msgType>');
    expect(documents.cancellation).toContain(original.publicId);
    expect(documents.cancellation).toContain(correction.publicId);
    expect(documents.drill).toContain('<status>Exercise</status>');
    expect(documents.drill).toContain('<responseType>AllClear</responseType>');
    // No personal data: nobody's id, and no incident id.
    for (const document of Object.values(documents)) {
      for (const secret of [world.drafter.id, world.approver.id, incidentId, world.drafter.email])
        expect(document).not.toContain(secret);
    }
    // A schema-invalid document is caught: the check can fail.
    expect(() =>
      xmllint(documents.original!.replace('<status>Actual</status>', '<status>Live</status>'), true),
    ).toThrow(/xmllint rejected/);
  });

  it('serves an Atom feed, a JSON list and a page without scripts; drafts and exercises stay out', async () => {
    const world = await buildAlertWorld(testApp);
    const live = await approved(world, {
      incidentId: await buildIncident(testApp.context, world.network.id),
    });
    const drill = await approved(world, {
      incidentId: await buildIncident(testApp.context, world.network.id),
      status: 'exercise',
    });
    const draft = (
      await call(testApp, 'POST', '/api/alerts', world.drafter, {
        incidentId: await buildIncident(testApp.context, world.network.id),
      })
    ).json<AlertBody>().alert;

    const feed = await testApp.app.inject({
      method: 'GET',
      url: `/a/${world.network.slug}/alerts.atom?lang=es`,
    });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toContain('application/atom+xml');
    xmllint(feed.body, false);
    expect(feed.body).toContain(`${live.publicId}.cap`);
    expect(feed.body).toContain('Alerta verificada');
    expect(feed.body).not.toContain(drill.publicId);
    expect(feed.body).not.toContain(draft.publicId);

    const json = await call(testApp, 'GET', `/api/public/${world.network.slug}/alerts?lang=ar`, null);
    const alerts = json.json<{
      alerts: { publicId: string; status: string; message: { language: string } }[];
    }>().alerts;
    expect(alerts.map((alert) => alert.publicId)).toEqual([live.publicId]);
    expect(alerts[0]!.message.language).toBe('ar');

    const page = await testApp.app.inject({ method: 'GET', url: `/a/${world.network.slug}?lang=ar` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('dir="rtl"');
    expect(page.body).toContain(`id="alert-${live.publicId}"`);
    expect(page.body).not.toContain(drill.publicId);
    expect(page.body).not.toMatch(/<script/);

    // A draft is not published anywhere, not even by its id.
    expect((await cap(world, draft.publicId)).statusCode).toBe(404);
    expect((await call(testApp, 'GET', `/api/public/alerts/${draft.publicId}`, null)).statusCode).toBe(404);
    // A drill is fetched by id (its push needs it), clearly marked.
    const drillJson = await call(testApp, 'GET', `/api/public/alerts/${drill.publicId}`, null);
    const drillBody = drillJson.json<{ status: string; message: { headline: string } }>();
    expect(drillBody.status).toBe('Exercise');
    expect(drillBody.message.headline).toContain('EXERCISE');
    // Another network's slug does not serve this network's alert.
    const other = await buildAlertWorld(testApp);
    expect((await cap(other, live.publicId)).statusCode).toBe(404);
    expect(
      (await testApp.app.inject({ method: 'GET', url: '/a/no-such-network/alerts.atom' })).statusCode,
    ).toBe(404);
  });
});
