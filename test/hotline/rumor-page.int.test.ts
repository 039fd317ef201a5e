import { afterAll, beforeAll, expect, it } from 'vitest';
import { publicTimeStepMs } from '../../server/modules/alerting/rumors/index.ts';
import { t } from '../../server/platform/i18n/index.ts';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildMember, buildNetwork, signIn } from '../support/factories.ts';

describeEachDatabase('rumor-control page', (dialect) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp(dialect);
  });
  afterAll(() => testApp.close());

  /** A report through the public API, carrying unique markers in every sensitive field. */
  async function report(slug: string, marker: string, location: { lat: number; lon: number }) {
    const response = await testApp.app.inject({
      method: 'POST',
      url: `/api/public/${slug}/reports`,
      headers: { 'sec-fetch-site': 'same-origin' },
      payload: {
        category: 'workplace',
        location,
        zip: '60608',
        locationText: `${marker}-ADDRESS 1845 S Loomis St`,
        description: `${marker}-TEXT two vans, agents named Officer ${marker}-PERSON`,
        callbackContact: `+1312555${marker.slice(-4)}`,
        contactConsent: true,
      },
    });
    expect(response.statusCode).toBe(201);
    const body = response.json<{ reportId: string }>();
    const incident = await testApp.database.db
      .selectFrom('incidents')
      .innerJoin('reports', 'reports.incident_id', 'incidents.id')
      .select(['incidents.id', 'incidents.first_report_at', 'incidents.public_id'])
      .where('reports.id', '=', body.reportId)
      .executeTakeFirstOrThrow();
    return { id: incident.id, first_report_at: incident.first_report_at, publicId: incident.public_id };
  }

  it('lists checked incidents in plain language, in the visitor’s language, without any private data', async () => {
    const network = await buildNetwork(testApp.context, { languages: ['en', 'es', 'ar'] });
    const dispatcher = await buildMember(testApp.context, {
      networkId: network.id,
      roles: [{ role: 'dispatcher' }],
    });
    const headers = (await signIn(testApp.context, dispatcher)).headers;
    const move = async (incidentId: string, ...statuses: string[]) => {
      for (const status of statuses) {
        const response = await testApp.app.inject({
          method: 'POST',
          url: `/api/incidents/${incidentId}/status`,
          headers,
          payload: { status },
        });
        expect(response.statusCode).toBe(200);
      }
    };
    const confirmed = await report(network.slug, 'MKA7731', { lat: 41.856789, lon: -87.661234 });
    const falseAlarm = await report(network.slug, 'MKB8842', { lat: 41.901234, lon: -87.701234 });
    const unchecked = await report(network.slug, 'MKC9953', { lat: 41.951234, lon: -87.751234 });
    await move(confirmed.id, 'verifying', 'confirmed');
    await move(falseAlarm.id, 'verifying', 'false_alarm', 'closed');

    const page = await testApp.app.inject({
      method: 'GET',
      url: `/s/${network.slug}`,
      headers: { 'accept-language': 'es-MX,es;q=0.9,en;q=0.5' },
    });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const html = page.body;
    expect(html).toContain('lang="es"');
    expect(html).toContain(t('es', 'rumors.statusConfirmed'));
    expect(html).toContain(t('es', 'rumors.statusFalseAlarm'));
    expect(html).toContain(t('es', 'rumors.nearZip', { zip: '60608' }));
    expect(html).toContain(`/s/${network.slug}/${confirmed.publicId}`);
    expect(html).toContain(`/s/${network.slug}/${falseAlarm.publicId}`);
    // Not yet checked: a flood of junk must not reach the public page.
    expect(html).not.toContain(unchecked.publicId);
    // Time rounded to the half hour, in the network's zone.
    const rounded = Math.floor(confirmed.first_report_at / publicTimeStepMs) * publicTimeStepMs;
    const time = new Intl.DateTimeFormat('es', {
      timeZone: network.timezone,
      dateStyle: 'medium',
      timeStyle: 'short',
    }).format(rounded);
    expect(html).toContain(t('es', 'rumors.reportedAt', { time }).replace(/&/g, '&amp;'));
    // No report text, typed address, person, contact, exact pin, or internal id.
    for (const secret of [
      'MKA7731',
      'MKB8842',
      'MKC9953',
      'Loomis',
      '5557731',
      '41.856',
      '-87.661',
      confirmed.id,
    ]) {
      expect(html, secret).not.toContain(secret);
    }
    expect(html).not.toMatch(/<script/i);
    expect(Buffer.byteLength(html)).toBeLessThan(15_000);

    const arabic = await testApp.app.inject({ method: 'GET', url: `/s/${network.slug}?lang=ar` });
    expect(arabic.body).toContain('dir="rtl"');
    expect(arabic.body).toContain(t('ar', 'rumors.statusConfirmed'));
  });

  it('is 404 for an unknown network and empty for a network with nothing checked', async () => {
    expect((await testApp.app.inject({ method: 'GET', url: '/s/no-such-network-here' })).statusCode).toBe(
      404,
    );
    const network = await buildNetwork(testApp.context, { languages: ['en'] });
    const page = await testApp.app.inject({ method: 'GET', url: `/s/${network.slug}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(t('en', 'rumors.empty'));
  });
});
