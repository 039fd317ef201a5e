import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DomainEvent } from '../../server/platform/realtime/events.ts';
import { t } from '../../server/platform/i18n/index.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildArea, buildMember, signIn } from '../support/factories.ts';
import type { SignedIn } from '../support/factories.ts';
import { buildHotlineNetwork, createHotlineApp, randomPhone, sendText } from './support.ts';

describeEachDatabase('flood mode', (dialect) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createHotlineApp(dialect, { environment: { AMPARO_TRUST_PROXY: '1' } });
  });
  afterAll(() => testApp.close());

  async function signedIn(
    networkId: string,
    role: 'dispatcher' | 'responder',
    areaId?: string,
  ): Promise<SignedIn> {
    const member = await buildMember(testApp.context, { networkId, roles: [{ role, areaId }] });
    return signIn(testApp.context, member);
  }
  const switchFloodMode = (who: SignedIn, isOn: boolean) =>
    testApp.app.inject({
      method: 'POST',
      url: '/api/network/flood-mode',
      headers: who.headers,
      payload: { isOn },
    });
  const publicReport = (slug: string, address: string) =>
    testApp.app.inject({
      method: 'POST',
      url: `/api/public/${slug}/reports`,
      headers: { 'sec-fetch-site': 'same-origin', 'x-forwarded-for': address },
      payload: { category: 'street_stop', zip: '60608' },
    });

  it('is switched by a dispatcher of the whole network, audited and pushed in realtime', async () => {
    const { network } = await buildHotlineNetwork(testApp.context);
    const area = await buildArea(testApp.context, network.id);
    const dispatcher = await signedIn(network.id, 'dispatcher');
    const events: DomainEvent[] = [];
    const unsubscribe = testApp.context.events.subscribe((event) => events.push(event));
    try {
      const response = await switchFloodMode(dispatcher, true);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ floodMode: { isOn: true } });
    } finally {
      unsubscribe();
    }
    const changes = events.filter((event) => event.type === 'intake.floodModeChanged');
    expect(changes.map((event) => [event.networkId, event.data.isOn])).toEqual([[network.id, true]]);
    const audit = await testApp.database.db
      .selectFrom('audit_log')
      .select(['action', 'metadata'])
      .where('chain', '=', network.id)
      .where('action', '=', 'intake.floodModeChanged')
      .execute();
    expect(audit).toEqual([{ action: 'intake.floodModeChanged', metadata: JSON.stringify({ isOn: true }) }]);
    const read = await testApp.app.inject({
      method: 'GET',
      url: '/api/network/flood-mode',
      headers: dispatcher.headers,
    });
    expect(read.json()).toMatchObject({ floodMode: { isOn: true } });

    expect((await switchFloodMode(await signedIn(network.id, 'dispatcher', area.id), false)).statusCode).toBe(
      403,
    );
    expect((await switchFloodMode(await signedIn(network.id, 'responder'), false)).statusCode).toBe(403);
  });

  it('tightens limits for unknown sources (429 with Retry-After, a friendly page on the form)', async () => {
    const { network } = await buildHotlineNetwork(testApp.context);
    expect((await switchFloodMode(await signedIn(network.id, 'dispatcher'), true)).statusCode).toBe(200);
    const statuses: number[] = [];
    for (let index = 0; index < 5; index += 1) {
      statuses.push((await publicReport(network.slug, `203.0.113.${10 + index}`)).statusCode);
    }
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    const refused = await publicReport(network.slug, '203.0.113.99');
    expect(refused.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Another client is not affected.
    expect((await publicReport(network.slug, '198.51.100.7')).statusCode).toBe(201);

    // The no-JavaScript form answers with a page in the reporter's language, not an error body.
    for (let index = 0; index < 4; index += 1) await publicReport(network.slug, '192.0.2.1');
    const form = await testApp.app.inject({
      method: 'POST',
      url: `/r/${network.slug}`,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'sec-fetch-site': 'same-origin',
        'x-forwarded-for': '192.0.2.2',
      },
      payload: new URLSearchParams({
        category: 'home',
        zip: '60608',
        minutesAgo: '0',
        language: 'es',
      }).toString(),
    });
    expect(form.statusCode).toBe(429);
    expect(form.headers['content-type']).toMatch(/^text\/html/);
    expect(form.headers['retry-after']).toBeDefined();
    expect(form.body).toContain(t('es', 'flood.rateLimitedTitle'));
  });

  it('keeps known reporters and operators working in flood mode', async () => {
    const { network, hotline } = await buildHotlineNetwork(testApp.context);
    const known = randomPhone();
    expect(
      (await sendText(testApp, { from: known, to: hotline, body: 'ICE at 1845 S Loomis St' })).statusCode,
    ).toBe(200);
    testApp.clock.advance(2 * 60 * 60 * 1000);
    const dispatcher = await signedIn(network.id, 'dispatcher');
    expect((await switchFloodMode(dispatcher, true)).statusCode).toBe(200);

    const stranger = randomPhone();
    const strangers: number[] = [];
    const knowns: number[] = [];
    for (let index = 0; index < 6; index += 1) {
      const body = `ICE at ${2000 + index} S Loomis St`;
      strangers.push((await sendText(testApp, { from: stranger, to: hotline, body })).statusCode);
      knowns.push((await sendText(testApp, { from: known, to: hotline, body })).statusCode);
    }
    expect(strangers).toEqual([200, 200, 200, 429, 429, 429]);
    expect(knowns).toEqual([200, 200, 200, 200, 200, 200]);
    for (let index = 0; index < 5; index += 1) {
      const operator = await testApp.app.inject({
        method: 'POST',
        url: '/api/reports',
        headers: dispatcher.headers,
        payload: { channel: 'operator', category: 'other', zip: '60608' },
      });
      expect(operator.statusCode).toBe(201);
    }
  });
});
