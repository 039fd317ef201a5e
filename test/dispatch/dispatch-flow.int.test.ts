import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openStream, payloadOf } from '../realtime/sse-client.ts';
import type { StreamClient } from '../realtime/sse-client.ts';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { buildArea } from '../support/factories.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { deviceMarker, photoWithGps } from './media-fixtures.ts';
import {
  call,
  dispatchWorld,
  offset,
  openIncident,
  outcome,
  pilsen,
  responder,
  uploadEvidence,
} from './support.ts';

interface Suggestion {
  memberId: string;
  distanceMeters: number | null;
  etaMinutes: number | null;
  isLanguageMatch: boolean;
  displayName: string;
}

/**
 * The "done" story over HTTP: a dispatcher opens an incident, sees ranked suggestions,
 * sends an offer, the responder accepts on their phone, reports "confirmed" with a photo, and the
 * incident turns confirmed on the dispatcher's live stream without a reload.
 */
describeEachDatabase('dispatch from incident to confirmed', (dialect) => {
  let testApp: TestApp;
  let baseUrl: string;
  const streams: StreamClient[] = [];
  beforeAll(async () => {
    testApp = await createTestApp(dialect);
    baseUrl = await testApp.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    for (const stream of streams) stream.close();
    await testApp.close();
  });

  it('suggests, offers, accepts, documents, confirms — and the dispatcher sees it live', async () => {
    const context = testApp.context;
    const world = await dispatchWorld(testApp);
    const network = world.network.id;
    const elsewhere = await buildArea(context, network, {
      center: offset(pilsen, 60_000),
      radiusMeters: 1000,
    });
    const spanishFar = await responder(context, network, {
      languages: ['es'],
      location: offset(pilsen, 1500),
    });
    const englishNear = await responder(context, network, {
      languages: ['en'],
      location: offset(pilsen, 0, 800),
    });
    const englishNearer = await responder(context, network, {
      languages: ['en', 'es-MX'],
      location: offset(pilsen, -400),
    });
    const noLocation = await responder(context, network, { languages: ['es'] });
    const offCall = await responder(context, network, { location: offset(pilsen, 100), isOnCall: false });
    const unvetted = await responder(context, network, {
      location: offset(pilsen, 50),
      status: 'probationary',
    });
    const otherArea = await responder(context, network, {
      location: offset(pilsen, 60),
      areaId: elsewhere.id,
    });
    const tooFar = await responder(context, network, { location: offset(pilsen, 150_000) });

    const stream = await openStream(`${baseUrl}/api/realtime`, { cookie: world.dispatcher.session.cookie });
    streams.push(stream);
    expect(stream.status).toBe(200);
    await stream.waitFor((message) => message.event === 'ready');

    const incidentId = await openIncident(testApp, world.dispatcher, pilsen);

    const suggested = await call(
      testApp,
      'GET',
      `/api/incidents/${incidentId}/suggestions?language=es`,
      world.dispatcher,
    );
    expect(suggested.statusCode).toBe(200);
    const suggestions = suggested.json<{ suggestions: Suggestion[] }>().suggestions;
    // Spanish speakers first (nearest first, then one without a location), then the others by distance.
    expect(suggestions.map((entry) => entry.memberId)).toEqual([
      englishNearer.id,
      spanishFar.id,
      noLocation.id,
      englishNear.id,
    ]);
    for (const excluded of [offCall, unvetted, otherArea, tooFar]) {
      expect(suggestions.map((entry) => entry.memberId)).not.toContain(excluded.id);
    }
    const [first, second] = suggestions;
    expect(first?.distanceMeters).toBeGreaterThan(200);
    expect(first?.distanceMeters).toBeLessThan(700);
    expect(second?.distanceMeters).toBeGreaterThan(1200);
    expect(second?.etaMinutes).toBeGreaterThanOrEqual(first?.etaMinutes ?? 0);
    expect(suggestions[2]).toMatchObject({ distanceMeters: null, etaMinutes: null, isLanguageMatch: true });
    expect(first?.displayName).toBe(englishNearer.displayName);

    const sent = await call(testApp, 'POST', `/api/incidents/${incidentId}/offers`, world.dispatcher, {
      responderIds: [spanishFar.id],
    });
    expect(sent.statusCode).toBe(201);
    const offer = sent.json<{ offers: { id: string; expiresAt: number; offeredAt: number }[] }>().offers[0]!;
    expect(offer.expiresAt - offer.offeredAt).toBe(180_000);
    await stream.waitFor((message) => payloadOf(message).type === 'dispatch.offerSent');
    await stream.waitFor(
      (message) =>
        payloadOf(message).type === 'incident.statusChanged' &&
        payloadOf(message).data.status === 'verifying',
    );
    // A responder with a live offer is no longer suggested.
    const again = await call(testApp, 'GET', `/api/incidents/${incidentId}/suggestions`, world.dispatcher);
    expect(
      again.json<{ suggestions: Suggestion[] }>().suggestions.map((entry) => entry.memberId),
    ).not.toContain(spanishFar.id);

    // The responder's phone: the offer, its code, the kind of incident but not yet where it is.
    const mine = await call(testApp, 'GET', '/api/responders/me/offers', spanishFar);
    const pending = mine.json<{
      offers: { id: string; code: string; incident: { location: unknown; category: string } }[];
    }>().offers[0]!;
    expect(pending).toMatchObject({ id: offer.id, incident: { location: null, category: 'workplace' } });
    expect(pending.code).toMatch(/^[A-Z0-9]{4}$/);

    expect((await call(testApp, 'POST', `/api/offers/${offer.id}/accept`, spanishFar)).statusCode).toBe(200);
    await stream.waitFor((message) => payloadOf(message).type === 'dispatch.offerAccepted');
    const detail = await call(testApp, 'GET', `/api/offers/${offer.id}`, spanishFar);
    expect(
      detail.json<{ incident: { location: { lat: number } | null } }>().incident.location,
    ).not.toBeNull();

    for (const status of ['enRoute', 'onScene']) {
      const progress = await call(testApp, 'POST', `/api/offers/${offer.id}/status`, spanishFar, { status });
      expect(progress.statusCode).toBe(200);
    }
    await stream.waitFor(
      (message) =>
        payloadOf(message).type === 'dispatch.statusReported' &&
        payloadOf(message).data.status === 'on_scene',
    );
    const offerRow = await context.database.db
      .selectFrom('dispatch_offers')
      .select(['accepted_at', 'en_route_at', 'on_scene_at'])
      .where('id', '=', offer.id)
      .executeTakeFirstOrThrow();
    expect(Object.values(offerRow).every((time) => typeof time === 'number')).toBe(true);

    const photo = await photoWithGps();
    const uploaded = await uploadEvidence(testApp, spanishFar, offer.id, photo);
    expect(uploaded.statusCode).toBe(201);
    const evidence = uploaded.json<{ evidence: { id: string; hasSharedCopy: boolean } }>().evidence;
    expect(evidence.hasSharedCopy).toBe(true);
    await stream.waitFor((message) => payloadOf(message).type === 'evidence.received');

    const reported = await call(testApp, 'POST', `/api/offers/${offer.id}/outcome`, spanishFar, {
      outcome: 'confirmed',
      notes: 'Three unmarked vans at the loading dock; agents in vests.',
      livestreamUrl: 'https://stream.example.org/live/abc',
    });
    expect(reported.statusCode).toBe(200);
    expect(reported.json()).toMatchObject({
      incident: { id: incidentId, status: 'confirmed' },
      isIncidentChanged: true,
    });

    const live = await stream.waitFor(
      (message) =>
        payloadOf(message).type === 'incident.statusChanged' &&
        payloadOf(message).data.status === 'confirmed',
    );
    expect(payloadOf(live).data.incidentId).toBe(incidentId);
    const outcomeEvent = await stream.waitFor(
      (message) => payloadOf(message).type === 'dispatch.outcomeReported',
    );
    expect(payloadOf(outcomeEvent).data).toMatchObject({ outcome: 'confirmed', incidentStatus: 'confirmed' });
    // Realtime payloads carry no notes or links.
    expect(stream.messages.map((message) => message.data).join('')).not.toContain('unmarked vans');

    const incident = await call(testApp, 'GET', `/api/incidents/${incidentId}`, world.dispatcher);
    expect(JSON.stringify(incident.json())).toContain('"status":"confirmed"');

    // The dispatcher reads the notes (an audited read); the shared photo carries no GPS or device.
    const read = await call(testApp, 'GET', `/api/offers/${offer.id}`, world.dispatcher);
    expect(read.json()).toMatchObject({
      notes: 'Three unmarked vans at the loading dock; agents in vests.',
      livestreamUrl: 'https://stream.example.org/live/abc',
    });
    const shared = await call(testApp, 'GET', `/api/evidence/${evidence.id}/shared`, world.dispatcher);
    expect(shared.statusCode).toBe(200);
    expect(shared.headers['content-type']).toBe('image/jpeg');
    const metadata = await sharp(shared.rawPayload).metadata();
    expect(metadata.exif).toBeUndefined();
    expect(shared.rawPayload.includes(deviceMarker)).toBe(false);
    expect(photo.includes(deviceMarker)).toBe(true);

    // A second outcome is refused; a later report never overrides the first verified outcome.
    expect(
      outcome(
        await call(testApp, 'POST', `/api/offers/${offer.id}/outcome`, spanishFar, {
          outcome: 'false_alarm',
        }),
      ),
    ).toEqual([409, 'OUTCOME_ALREADY_REPORTED']);
    expect(
      (await call(testApp, 'POST', `/api/offers/${offer.id}/status`, spanishFar, { status: 'done' }))
        .statusCode,
    ).toBe(200);
  });

  it('refuses a livestream link that is not https, and an outcome before accepting', async () => {
    const world = await dispatchWorld(testApp);
    const observer = await responder(testApp.context, world.network.id, { location: offset(pilsen, 300) });
    const incidentId = await openIncident(testApp, world.dispatcher, offset(pilsen, 10_000));
    const sent = await call(testApp, 'POST', `/api/incidents/${incidentId}/offers`, world.dispatcher, {
      responderIds: [observer.id],
    });
    const offerId = sent.json<{ offers: { id: string }[] }>().offers[0]!.id;
    expect(
      outcome(
        await call(testApp, 'POST', `/api/offers/${offerId}/outcome`, observer, { outcome: 'confirmed' }),
      ),
    ).toEqual([409, 'OFFER_TRANSITION_INVALID']);
    await call(testApp, 'POST', `/api/offers/${offerId}/accept`, observer);
    for (const livestreamUrl of [
      'http://stream.example.org/x',
      'javascript:alert(1)',
      'https://127.0.0.1/x',
    ]) {
      expect(
        outcome(
          await call(testApp, 'POST', `/api/offers/${offerId}/outcome`, observer, {
            outcome: 'confirmed',
            livestreamUrl,
          }),
        ),
      ).toEqual([400, 'VALIDATION_FAILED']);
    }
    expect(
      outcome(await call(testApp, 'POST', `/api/offers/${offerId}/status`, observer, { status: 'arrived' })),
    ).toEqual([400, 'VALIDATION_FAILED']);
    const falseAlarm = await call(testApp, 'POST', `/api/offers/${offerId}/outcome`, observer, {
      outcome: 'false_alarm',
    });
    expect(falseAlarm.json()).toMatchObject({ incident: { status: 'false_alarm' } });
  });
});
