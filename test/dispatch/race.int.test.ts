import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { call, dispatchWorld, offset, openIncident, person, pilsen, responder } from './support.ts';

/**
 * Two dispatchers working two incidents pick the same responder at the same moment. Exactly one
 * offer may exist; the other dispatcher gets RESPONDER_UNAVAILABLE. On PostgreSQL the requests
 * really run side by side on separate pooled connections.
 */
describeEachDatabase('two dispatchers racing for one responder', (dialect) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp(dialect);
  });
  afterAll(() => testApp.close());

  it('never double-assigns, over many concurrent rounds', async () => {
    const world = await dispatchWorld(testApp);
    const otherDispatcher = await person(testApp.context, world.network.id, [{ role: 'dispatcher' }]);
    const rounds = 12;
    for (let round = 0; round < rounds; round += 1) {
      const contested = await responder(testApp.context, world.network.id, { location: offset(pilsen, 500) });
      const first = await openIncident(testApp, world.dispatcher, offset(pilsen, round * 3_000, 1_000));
      const second = await openIncident(testApp, otherDispatcher, offset(pilsen, round * 3_000, -9_000));
      const responses = await Promise.all([
        call(testApp, 'POST', `/api/incidents/${first}/offers`, world.dispatcher, {
          responderIds: [contested.id],
        }),
        call(testApp, 'POST', `/api/incidents/${second}/offers`, otherDispatcher, {
          responderIds: [contested.id],
        }),
      ]);
      const statuses = responses.map((response) => response.statusCode).sort();
      expect(statuses).toEqual([201, 409]);
      const loser = responses.find((response) => response.statusCode === 409)!;
      expect(loser.json<{ error: { code: string } }>().error.code).toBe('RESPONDER_UNAVAILABLE');
      const live = await testApp.context.database.db
        .selectFrom('dispatch_offers')
        .select('id')
        .where('responder_member_id', '=', contested.id)
        .execute();
      expect(live).toHaveLength(1);
    }
  });

  it('skips a busy responder but still sends to the free ones in the same request', async () => {
    const world = await dispatchWorld(testApp);
    const busy = await responder(testApp.context, world.network.id, { location: offset(pilsen, 200) });
    const free = await responder(testApp.context, world.network.id, { location: offset(pilsen, 400) });
    const first = await openIncident(testApp, world.dispatcher, offset(pilsen, 50_000));
    const second = await openIncident(testApp, world.dispatcher, offset(pilsen, -50_000));
    await call(testApp, 'POST', `/api/incidents/${first}/offers`, world.dispatcher, {
      responderIds: [busy.id],
    });
    const mixed = await call(testApp, 'POST', `/api/incidents/${second}/offers`, world.dispatcher, {
      responderIds: [busy.id, free.id],
    });
    expect(mixed.statusCode).toBe(201);
    expect(mixed.json()).toMatchObject({
      unavailableResponderIds: [busy.id],
      offers: [{ responderMemberId: free.id }],
    });
  });

  it('frees the responder once the offer ends (declined), so another dispatcher can send them', async () => {
    const world = await dispatchWorld(testApp);
    const contested = await responder(testApp.context, world.network.id, { location: offset(pilsen, 200) });
    const first = await openIncident(testApp, world.dispatcher, offset(pilsen, 70_000));
    const second = await openIncident(testApp, world.dispatcher, offset(pilsen, -70_000));
    const sent = await call(testApp, 'POST', `/api/incidents/${first}/offers`, world.dispatcher, {
      responderIds: [contested.id],
    });
    const offerId = sent.json<{ offers: { id: string }[] }>().offers[0]!.id;
    expect((await call(testApp, 'POST', `/api/offers/${offerId}/decline`, contested)).statusCode).toBe(200);
    const again = await call(testApp, 'POST', `/api/incidents/${second}/offers`, world.dispatcher, {
      responderIds: [contested.id],
    });
    expect(again.statusCode).toBe(201);
  });
});
