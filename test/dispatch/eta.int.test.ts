import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import {
  call,
  dispatchWorld,
  offset,
  openIncident,
  outcome,
  pilsen,
  responder,
  sendOffer,
} from './support.ts';

interface Offer {
  id: string;
  enRouteAt: number | null;
  etaAt: number | null;
}

/** "On my way" may carry the minutes to arrival; the dispatcher sees when the responder expects to arrive. */
describeEachDatabase('arrival estimate with on my way', (dialect) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp(dialect);
  });
  afterAll(() => testApp.close());

  it('keeps the estimate as a time, shows it to the dispatcher, and refuses it where it makes no sense', async () => {
    const world = await dispatchWorld(testApp);
    const observer = await responder(testApp.context, world.network.id, { location: offset(pilsen, 300) });
    const incidentId = await openIncident(testApp, world.dispatcher, offset(pilsen, 200));
    const offerId = await sendOffer(testApp, world, incidentId, observer, { accept: true });
    const status = (body: Record<string, unknown>) =>
      call(testApp, 'POST', `/api/offers/${offerId}/status`, observer, body);

    expect(outcome(await status({ status: 'enRoute', etaMinutes: 0 }))).toEqual([400, 'VALIDATION_FAILED']);
    expect(outcome(await status({ status: 'enRoute', etaMinutes: 1.5 }))).toEqual([400, 'VALIDATION_FAILED']);
    expect(outcome(await status({ status: 'onScene', etaMinutes: 5 }))).toEqual([400, 'VALIDATION_FAILED']);
    const now = testApp.clock.now();
    const enRoute = await status({ status: 'enRoute', etaMinutes: 15 });
    expect(enRoute.statusCode).toBe(200);
    expect(enRoute.json<{ offer: Offer }>().offer.etaAt).toBe(now + 15 * 60_000);

    const seen = await call(testApp, 'GET', `/api/incidents/${incidentId}/offers`, world.dispatcher);
    const offer = seen.json<{ offers: Offer[] }>().offers.find((each) => each.id === offerId)!;
    expect(offer.etaAt).toBe(now + 15 * 60_000);
    expect(offer.enRouteAt).toBe(now);
  });
});
