import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { createDispatchJobs } from '../../server/modules/field/dispatch/index.ts';
import { createJobRegistry, createJobWorker } from '../../server/platform/jobs/index.ts';
import type { JobWorker } from '../../server/platform/jobs/index.ts';
import { createLogger } from '../../server/platform/log/logger.ts';
import {
  buildHotlineNetwork,
  createHotlineApp,
  randomPhone,
  sendText,
  twimlTexts,
} from '../hotline/support.ts';
import { waitFor } from '../jobs/support.ts';
import type { TestApp } from '../support/app.ts';
import { buildArea } from '../support/factories.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { startFakeTwilio } from '../support/fake-twilio.ts';
import type { FakeTwilio } from '../support/fake-twilio.ts';
import {
  call,
  offset,
  openIncident,
  person,
  pilsen,
  recordEvents,
  registerPhone,
  responder,
} from './support.ts';
import type { Person } from './support.ts';

describeEachDatabase('offers that expire, escalate and are answered by text', (dialect) => {
  let testApp: TestApp;
  let twilio: FakeTwilio;
  let worker: JobWorker;
  beforeAll(async () => {
    twilio = await startFakeTwilio({ authToken: 'hotline-test-token-123' });
    testApp = await createHotlineApp(dialect, { twilioApiBase: twilio.url });
    // Only dispatch's jobs: this file proves them, not other modules' schedules.
    worker = createJobWorker({
      db: testApp.context.database.db,
      dialect,
      registry: createJobRegistry({ jobs: createDispatchJobs(testApp.context) }),
      clock: testApp.clock,
      logger: createLogger('silent'),
      concurrency: 2,
      pollMs: 20,
      workerId: `dispatch-test-${dialect}`,
    });
    await worker.start();
  });
  afterEach(() => {
    twilio.messages.length = 0;
  });
  afterAll(async () => {
    await worker.stop();
    await testApp.close();
    await twilio.close();
  });

  async function world() {
    const { network, hotline } = await buildHotlineNetwork(testApp.context, ['en', 'es']);
    await buildArea(testApp.context, network.id, { center: pilsen, radiusMeters: 20_000 });
    const dispatcher = await person(testApp.context, network.id, [{ role: 'dispatcher' }]);
    return { network, hotline, dispatcher };
  }

  async function withPhone(who: Person, phone: string): Promise<Person> {
    const response = await registerPhone(testApp, who, phone);
    expect(response.statusCode).toBe(200);
    return who;
  }

  const offersOf = (incidentId: string) =>
    testApp.context.database.db
      .selectFrom('dispatch_offers')
      .select(['id', 'responder_member_id', 'status', 'escalated_from_id', 'code'])
      .where('incident_id', '=', incidentId)
      .orderBy('offered_at')
      .orderBy('id')
      .execute();

  const textTo = async (phone: string) => {
    await waitFor(`an SMS to ${phone}`, () => twilio.messages.some((message) => message.to === phone));
    return twilio.messages.find((message) => message.to === phone)!;
  };

  it('escalates an expired offer to the next nearest, then a texted NO to the next, and a texted ACEPTO sticks', async () => {
    const { network, hotline, dispatcher } = await world();
    const phones = [randomPhone(), randomPhone(), randomPhone()];
    const nearest = await withPhone(
      await responder(testApp.context, network.id, { location: offset(pilsen, 300), languages: ['es'] }),
      phones[0]!,
    );
    const second = await withPhone(
      await responder(testApp.context, network.id, { location: offset(pilsen, 900), languages: ['en'] }),
      phones[1]!,
    );
    const third = await withPhone(
      await responder(testApp.context, network.id, { location: offset(pilsen, 2_000), languages: ['es'] }),
      phones[2]!,
    );
    const incidentId = await openIncident(testApp, dispatcher, pilsen);
    const recorder = recordEvents(testApp);

    const sent = await call(testApp, 'POST', `/api/incidents/${incidentId}/offers`, dispatcher, {
      responderIds: [nearest.id],
      autoEscalate: true,
      expiresInSeconds: 60,
    });
    expect(sent.statusCode).toBe(201);
    const [firstOffer] = await offersOf(incidentId);
    const firstText = await textTo(phones[0]!);
    // In the responder's language, with the code and the reply keywords, and nothing about the place.
    expect(firstText.body).toContain(`ACEPTO ${firstOffer!.code}`);
    expect(firstText.body).toContain(`NO ${firstOffer!.code}`);
    expect(firstText.body).not.toMatch(/41\.|87\.|warehouse/i);

    // Nobody answers: at 60 s the offer expires and the next nearest is asked.
    testApp.clock.advance(61_000);
    worker.wake();
    await waitFor('escalation', async () => (await offersOf(incidentId)).length === 2);
    const [expired, escalated] = await offersOf(incidentId);
    expect(expired).toMatchObject({ status: 'expired' });
    expect(escalated).toMatchObject({
      responder_member_id: second.id,
      status: 'offered',
      escalated_from_id: expired!.id,
    });
    const expiredEvent = recorder.events.find((event) => event.type === 'dispatch.offerExpired');
    expect(expiredEvent?.data).toMatchObject({ offerId: expired!.id, escalatedToOfferId: escalated!.id });
    expect(expiredEvent?.rooms).toContain(`role:${network.id}:dispatcher`);
    const secondText = await textTo(phones[1]!);
    expect(secondText.body).toContain(`YES ${escalated!.code}`);

    // The second texts NO: declined, and the offer moves on to the third.
    const declined = await sendText(testApp, {
      from: phones[1]!,
      to: hotline,
      body: `no ${escalated!.code.toLowerCase()}`,
    });
    expect(declined.statusCode).toBe(200);
    expect(twimlTexts(declined)[0]).toContain('declined');
    await waitFor('second escalation', async () => (await offersOf(incidentId)).length === 3);
    const thirdOffer = (await offersOf(incidentId))[2]!;
    expect(thirdOffer).toMatchObject({ responder_member_id: third.id, status: 'offered' });

    // The third accepts by text (Spanish keyword, accents and punctuation tolerated).
    await textTo(phones[2]!);
    const accepted = await sendText(testApp, {
      from: phones[2]!,
      to: hotline,
      body: `Acepto ${thirdOffer.code}.`,
    });
    expect(twimlTexts(accepted)[0]).toContain('aceptó');
    expect((await offersOf(incidentId))[2]).toMatchObject({ status: 'accepted' });

    // A late reply to the expired offer does nothing.
    const late = await sendText(testApp, { from: phones[0]!, to: hotline, body: `ACEPTO ${expired!.code}` });
    expect(twimlTexts(late)[0]).toMatch(/venció|expired/);
    expect((await offersOf(incidentId))[0]).toMatchObject({ status: 'expired' });
    recorder.stop();

    const audit = await testApp.context.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('chain', '=', network.id)
      .where('action', 'like', 'dispatch.%')
      .execute();
    expect(audit.map((row) => row.action).sort()).toEqual(
      [
        'dispatch.offerAccepted',
        'dispatch.offerDeclined',
        'dispatch.offerExpired',
        'dispatch.offerSent',
        'dispatch.offerSent',
        'dispatch.offerSent',
      ].sort(),
    );
  });

  it('tells the dispatcher when an offer without auto-escalation expires, and escalates nothing', async () => {
    const { network, dispatcher } = await world();
    const only = await responder(testApp.context, network.id, { location: offset(pilsen, 10_500) });
    await responder(testApp.context, network.id, { location: offset(pilsen, 10_900) });
    const incidentId = await openIncident(testApp, dispatcher, offset(pilsen, 10_000));
    const recorder = recordEvents(testApp);
    // Escalation is on by default (issue 16); this dispatcher turns it off for this offer.
    await call(testApp, 'POST', `/api/incidents/${incidentId}/offers`, dispatcher, {
      responderIds: [only.id],
      autoEscalate: false,
    });
    testApp.clock.advance(181_000);
    worker.wake();
    await waitFor('expiry', () => recorder.events.some((event) => event.type === 'dispatch.offerExpired'));
    recorder.stop();
    expect(await offersOf(incidentId)).toHaveLength(1);
    const accept = await call(
      testApp,
      'POST',
      `/api/offers/${(await offersOf(incidentId))[0]!.id}/accept`,
      only,
    );
    expect(accept.json<{ error: { code: string } }>().error.code).toBe('OFFER_EXPIRED');
  });

  it('ignores a texted keyword from someone who is not a responder', async () => {
    const { hotline } = await world();
    const stranger = await sendText(testApp, { from: randomPhone(), to: hotline, body: 'YES K7H3' });
    expect(stranger.statusCode).toBe(200);
    expect(twimlTexts(stranger).join(' ')).not.toMatch(/dispatch|despacho/i);
  });
});
