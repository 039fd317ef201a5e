import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { call, dispatchWorld, offset, openIncident, person, pilsen, responder } from './support.ts';

interface SentOffer {
  id: string;
  isAutoEscalating: boolean;
}

/** Escalation of unanswered offers is on unless the network (or the dispatcher, per send) says no. */
describeEachDatabase('offer escalation default per network', (dialect) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp(dialect);
  });
  afterAll(() => testApp.close());

  it('escalates by default, follows the network setting, and the dispatcher may still choose', async () => {
    const world = await dispatchWorld(testApp);
    const admin = await person(testApp.context, world.network.id, [{ role: 'admin' }], {
      withTotp: true,
      stepUp: true,
    });
    const send = async (body: Record<string, unknown> = {}) => {
      // A fresh responder each time: one with an open offer is busy.
      const observer = await responder(testApp.context, world.network.id, { location: offset(pilsen, 300) });
      const incidentId = await openIncident(testApp, world.dispatcher, offset(pilsen, Math.random() * 5000));
      const sent = await call(testApp, 'POST', `/api/incidents/${incidentId}/offers`, world.dispatcher, {
        responderIds: [observer.id],
        ...body,
      });
      expect(sent.statusCode).toBe(201);
      return sent.json<{ offers: SentOffer[] }>().offers[0]!;
    };

    const network = await call(testApp, 'GET', '/api/network', world.dispatcher);
    expect(network.json<{ settings: { isOfferEscalationOn: boolean } }>().settings.isOfferEscalationOn).toBe(
      true,
    );
    expect((await send()).isAutoEscalating).toBe(true);

    // Only an admin turns it off; a dispatcher cannot.
    const byDispatcher = await call(testApp, 'PATCH', '/api/network', world.dispatcher, {
      settings: { isOfferEscalationOn: false },
    });
    expect(byDispatcher.statusCode).toBe(403);
    const off = await call(testApp, 'PATCH', '/api/network', admin, {
      settings: { isOfferEscalationOn: false },
    });
    expect(off.statusCode).toBe(200);
    expect((await send()).isAutoEscalating).toBe(false);
    expect((await send({ autoEscalate: true })).isAutoEscalating).toBe(true);

    const bad = await call(testApp, 'PATCH', '/api/network', admin, {
      settings: { isOfferEscalationOn: 'yes' },
    });
    expect(bad.statusCode).toBe(400);
  });
});
