import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildMember, buildNetwork, signIn } from '../support/factories.ts';

describeEachDatabase('outsider limits: no oracles in the public report answer and status', (dialect) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp(dialect);
  });
  afterAll(() => testApp.close());

  const report = (slug: string, address: string) =>
    testApp.app.inject({
      method: 'POST',
      url: `/api/public/${slug}/reports`,
      remoteAddress: address,
      payload: { category: 'workplace', location: { lat: 41.8564, lon: -87.6598 }, language: 'en' },
    });
  const page = async (url: string) =>
    (await testApp.app.inject({ method: 'GET', url: `${url}?lang=en` })).body;
  /** The page with this report's own token taken out, to compare two reports' pages. */
  const withoutToken = (body: string, statusUrl: string) => body.replaceAll(statusUrl, '<link>');

  it('answers a report that joins an open incident exactly as a fresh one, and its status page too', async () => {
    const network = await buildNetwork(testApp.context);
    const first = await report(network.slug, '203.0.113.9');
    const second = await report(network.slug, '198.51.100.20');
    expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
    const firstBody = first.json<{ reportId: string; language: string; statusUrl: string }>();
    const secondBody = second.json<{ reportId: string; language: string; statusUrl: string }>();
    // They did join one incident (the finding), and nothing in the answers says so.
    const incidents = await testApp.context.database.db
      .selectFrom('reports')
      .select('incident_id')
      .where('id', 'in', [firstBody.reportId, secondBody.reportId])
      .execute();
    expect(new Set(incidents.map((row) => row.incident_id)).size).toBe(1);
    expect(Object.keys(secondBody).sort()).toEqual(Object.keys(firstBody).sort());
    expect(JSON.stringify(secondBody)).not.toContain(firstBody.reportId);
    const publicId = (
      await testApp.context.database.db
        .selectFrom('incidents')
        .select('public_id')
        .where('id', '=', incidents[0]!.incident_id)
        .executeTakeFirstOrThrow()
    ).public_id;
    expect(JSON.stringify(secondBody)).not.toContain(publicId);

    const firstPage = await page(firstBody.statusUrl);
    const secondPage = await page(secondBody.statusUrl);
    expect(withoutToken(secondPage, secondBody.statusUrl)).toBe(withoutToken(firstPage, firstBody.statusUrl));
    expect(secondPage).not.toContain(publicId);

    // A dispatcher starts checking (responders engaged): the reporter's page does not change.
    const dispatcher = await buildMember(testApp.context, {
      networkId: network.id,
      roles: [{ role: 'dispatcher' }],
    });
    const session = await signIn(testApp.context, dispatcher);
    const moved = await testApp.app.inject({
      method: 'POST',
      url: `/api/incidents/${incidents[0]!.incident_id}/status`,
      headers: session.headers,
      payload: { status: 'verifying' },
    });
    expect(moved.statusCode).toBe(200);
    expect(await page(secondBody.statusUrl)).toBe(secondPage);
    // Nor does the incident's own public page tell "new" from "someone is checking".
    const incidentPage = await page(`/s/${network.slug}/${publicId}`);
    expect(incidentPage).not.toContain('checking');
    expect(incidentPage).toContain('Trained volunteers check reports');
  });

  it('refuses an altered status token', async () => {
    const network = await buildNetwork(testApp.context);
    const { statusUrl, reportId } = (await report(network.slug, '203.0.113.77')).json<{
      reportId: string;
      statusUrl: string;
    }>();
    const last = statusUrl.slice(-1);
    const forged = `${statusUrl.slice(0, -1)}${last === 'A' ? 'B' : 'A'}`;
    expect(forged.startsWith(`/s/${network.slug}/r/${reportId}.`)).toBe(true);
    const response = await testApp.app.inject({ method: 'GET', url: forged });
    expect(response.statusCode).toBe(404);
  });
});
