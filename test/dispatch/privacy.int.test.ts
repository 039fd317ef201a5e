import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { buildArea, buildNetwork } from '../support/factories.ts';
import { describeEachDatabase } from '../support/databases.ts';
import {
  call,
  dispatchWorld,
  offset,
  openIncident,
  outcome,
  person,
  pilsen,
  recordEvents,
  responder,
} from './support.ts';

/** Responder safety: a responder sees their own offers only; rosters and locations stay with staff. */
describeEachDatabase('responder privacy and offer access', (dialect) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp(dialect);
  });
  afterAll(() => testApp.close());

  it('keeps every responder to their own offers and out of the roster and suggestions', async () => {
    const world = await dispatchWorld(testApp);
    const alice = await responder(testApp.context, world.network.id, { location: offset(pilsen, 200) });
    const bob = await responder(testApp.context, world.network.id, { location: offset(pilsen, 400) });
    const incidentId = await openIncident(testApp, world.dispatcher, pilsen);
    const recorder = recordEvents(testApp);
    const sent = await call(testApp, 'POST', `/api/incidents/${incidentId}/offers`, world.dispatcher, {
      responderIds: [alice.id],
    });
    recorder.stop();
    const aliceOffer = sent.json<{ offers: { id: string }[] }>().offers[0]!.id;

    // Bob cannot read, answer or report on Alice's offer; to him it does not exist.
    for (const [method, suffix, body] of [
      ['GET', '', undefined],
      ['POST', '/accept', undefined],
      ['POST', '/decline', undefined],
      ['POST', '/status', { status: 'enRoute' }],
      ['POST', '/outcome', { outcome: 'false_alarm' }],
    ] as const) {
      expect(
        outcome(await call(testApp, method, `/api/offers/${aliceOffer}${suffix}`, bob, body)),
        suffix,
      ).toEqual([404, 'OFFER_NOT_FOUND']);
    }
    const bobsOffers = await call(testApp, 'GET', '/api/responders/me/offers', bob);
    expect(bobsOffers.json()).toEqual({ offers: [] });
    expect(bobsOffers.body).not.toContain(aliceOffer);

    // Nor the roster, other responders' locations, suggestions, or an incident's offers.
    for (const url of [
      '/api/responders',
      `/api/incidents/${incidentId}/suggestions`,
      `/api/incidents/${incidentId}/offers`,
    ]) {
      expect(outcome(await call(testApp, 'GET', url, bob)), url).toEqual([403, 'FORBIDDEN']);
    }
    expect(
      outcome(
        await call(testApp, 'POST', `/api/incidents/${incidentId}/offers`, bob, { responderIds: [bob.id] }),
      ),
    ).toEqual([403, 'FORBIDDEN']);
    expect(outcome(await call(testApp, 'POST', `/api/offers/${aliceOffer}/cancel`, bob))).toEqual([
      404,
      'OFFER_NOT_FOUND',
    ]);

    // The live event about Alice's offer reaches Alice's room and dispatchers, not Bob's room.
    const sentEvent = recorder.events.find((event) => event.type === 'dispatch.offerSent')!;
    expect(sentEvent.rooms).toContain(`member:${alice.id}`);
    expect(sentEvent.rooms).not.toContain(`member:${bob.id}`);
    expect(sentEvent.rooms.some((room) => room.startsWith('network:'))).toBe(false);
  });

  it('hides another network’s incidents and offers, and limits area-bound dispatchers to their area', async () => {
    const world = await dispatchWorld(testApp);
    const alice = await responder(testApp.context, world.network.id, { location: offset(pilsen, 200) });
    const incidentId = await openIncident(testApp, world.dispatcher, pilsen);
    const sent = await call(testApp, 'POST', `/api/incidents/${incidentId}/offers`, world.dispatcher, {
      responderIds: [alice.id],
    });
    const offerId = sent.json<{ offers: { id: string }[] }>().offers[0]!.id;

    const otherNetwork = await buildNetwork(testApp.context);
    const outsider = await person(testApp.context, otherNetwork.id, [
      { role: 'dispatcher' },
      { role: 'responder' },
    ]);
    expect(outcome(await call(testApp, 'GET', `/api/incidents/${incidentId}/suggestions`, outsider))).toEqual(
      [404, 'INCIDENT_NOT_FOUND'],
    );
    expect(outcome(await call(testApp, 'GET', `/api/offers/${offerId}`, outsider))).toEqual([
      404,
      'OFFER_NOT_FOUND',
    ]);
    expect(
      outcome(
        await call(testApp, 'POST', `/api/incidents/${incidentId}/offers`, outsider, {
          responderIds: [outsider.id],
        }),
      ),
    ).toEqual([404, 'INCIDENT_NOT_FOUND']);
    // A dispatcher of another network cannot send this network's responder either.
    const theirIncident = await openIncident(testApp, outsider, offset(pilsen, 5_000));
    expect(
      outcome(
        await call(testApp, 'POST', `/api/incidents/${theirIncident}/offers`, outsider, {
          responderIds: [alice.id],
        }),
      ),
    ).toEqual([422, 'RESPONDER_NOT_ELIGIBLE']);

    const farArea = await buildArea(testApp.context, world.network.id, {
      center: offset(pilsen, 80_000),
      radiusMeters: 2000,
    });
    const areaDispatcher = await person(testApp.context, world.network.id, [
      { role: 'dispatcher', areaId: farArea.id },
    ]);
    expect(
      outcome(await call(testApp, 'GET', `/api/incidents/${incidentId}/suggestions`, areaDispatcher)),
    ).toEqual([404, 'INCIDENT_NOT_FOUND']);
    expect(outcome(await call(testApp, 'GET', `/api/offers/${offerId}`, areaDispatcher))).toEqual([
      404,
      'OFFER_NOT_FOUND',
    ]);
    // The roster of an area-bound dispatcher: responders of that area and network-wide ones only.
    const localToPilsen = await responder(testApp.context, world.network.id, { areaId: world.area.id });
    const localToFarArea = await responder(testApp.context, world.network.id, { areaId: farArea.id });
    const roster = await call(testApp, 'GET', '/api/responders?limit=200', areaDispatcher);
    expect(roster.body).not.toContain(localToPilsen.id);
    expect(roster.body).toContain(localToFarArea.id);
    expect(roster.body).toContain(alice.id);
  });

  it('lets a dispatcher stand a responder down, and tells the responder live', async () => {
    const world = await dispatchWorld(testApp);
    const alice = await responder(testApp.context, world.network.id, { location: offset(pilsen, 200) });
    const incidentId = await openIncident(testApp, world.dispatcher, pilsen);
    const sent = await call(testApp, 'POST', `/api/incidents/${incidentId}/offers`, world.dispatcher, {
      responderIds: [alice.id],
    });
    const offerId = sent.json<{ offers: { id: string }[] }>().offers[0]!.id;
    await call(testApp, 'POST', `/api/offers/${offerId}/accept`, alice);
    const recorder = recordEvents(testApp);
    const cancelled = await call(testApp, 'POST', `/api/offers/${offerId}/cancel`, world.dispatcher);
    recorder.stop();
    expect(cancelled.json()).toMatchObject({ offer: { status: 'cancelled' } });
    expect(recorder.events.find((event) => event.type === 'dispatch.offerCancelled')?.rooms).toContain(
      `member:${alice.id}`,
    );
    expect(
      outcome(await call(testApp, 'POST', `/api/offers/${offerId}/status`, alice, { status: 'onScene' })),
    ).toEqual([409, 'OFFER_TRANSITION_INVALID']);
  });
});
