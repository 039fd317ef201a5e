import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { plainPng } from './media-fixtures.ts';
import {
  dispatchWorld,
  multipartFile,
  offset,
  openIncident,
  outcome,
  pilsen,
  responder,
  sendOffer,
} from './support.ts';
import type { DispatchWorld, Person } from './support.ts';

/** What a phone's outbox sends: the same request again, with the same Idempotency-Key. */
function sendWithKey(
  testApp: TestApp,
  who: Person,
  url: string,
  key: string | null,
  body: { json: Record<string, unknown> } | { file: Buffer },
) {
  const keyHeader = key === null ? {} : { 'idempotency-key': key };
  if ('json' in body) {
    return testApp.app.inject({
      method: 'POST',
      url,
      headers: { ...who.session.headers, ...keyHeader },
      payload: body.json,
    });
  }
  const { payload, headers } = multipartFile(body.file, { contentType: 'image/png', fileName: 'p.png' });
  return testApp.app.inject({
    method: 'POST',
    url,
    headers: { ...who.session.headers, ...headers, ...keyHeader },
    payload,
  });
}

describeEachDatabase('field resilience: retried outcomes and uploads count once', (dialect) => {
  let testApp: TestApp;
  let world: DispatchWorld;
  let observer: Person;
  let otherObserver: Person;
  let offerId: string;
  let otherOfferId: string;
  beforeAll(async () => {
    testApp = await createTestApp(dialect);
    world = await dispatchWorld(testApp);
    observer = await responder(testApp.context, world.network.id, { location: offset(pilsen, 300) });
    otherObserver = await responder(testApp.context, world.network.id, { location: offset(pilsen, 600) });
    // An offer the responder declined: still theirs, enough to name in a reused key.
    const otherIncidentId = await openIncident(testApp, world.dispatcher, offset(pilsen, 2500), 'checkpoint');
    otherOfferId = await sendOffer(testApp, world, otherIncidentId, observer);
    await testApp.app.inject({
      method: 'POST',
      url: `/api/offers/${otherOfferId}/decline`,
      headers: observer.session.headers,
    });
    const incidentId = await openIncident(testApp, world.dispatcher, pilsen);
    offerId = await sendOffer(testApp, world, incidentId, observer, { accept: true });
  });
  afterAll(() => testApp.close());

  const evidenceRows = () =>
    testApp.context.database.db.selectFrom('evidence_items').select(['id', 'client_key']).execute();

  it('stores a photo sent three times under one key once, and answers each retry with the same item', async () => {
    const photo = await plainPng(32, 32);
    const key = randomUUID();
    const url = `/api/offers/${offerId}/evidence`;
    const answers = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      answers.push(await sendWithKey(testApp, observer, url, key, { file: photo }));
    }
    expect(answers.map((answer) => answer.statusCode)).toEqual([201, 201, 201]);
    const ids = answers.map((answer) => answer.json<{ evidence: { id: string } }>().evidence.id);
    expect(new Set(ids).size).toBe(1);
    expect((await evidenceRows()).filter((row) => row.client_key === key)).toHaveLength(1);
  });

  it('stores one row when two retries race', async () => {
    const photo = await plainPng(40, 40);
    const key = randomUUID();
    const url = `/api/offers/${offerId}/evidence`;
    const raced = await Promise.all([
      sendWithKey(testApp, observer, url, key, { file: photo }),
      sendWithKey(testApp, observer, url, key, { file: photo }),
    ]);
    expect(raced.map((answer) => answer.statusCode)).toEqual([201, 201]);
    expect((await evidenceRows()).filter((row) => row.client_key === key)).toHaveLength(1);
  });

  it('still takes uploads without a key, each as its own item', async () => {
    const before = (await evidenceRows()).length;
    const photo = await plainPng(24, 24);
    const url = `/api/offers/${offerId}/evidence`;
    await sendWithKey(testApp, observer, url, null, { file: photo });
    await sendWithKey(testApp, observer, url, null, { file: photo });
    expect((await evidenceRows()).length).toBe(before + 2);
  });

  it('refuses a key reused for another offer, a malformed key, and another responder replaying a key', async () => {
    const photo = await plainPng(16, 16);
    const key = randomUUID();
    expect(
      outcome(await sendWithKey(testApp, observer, `/api/offers/${offerId}/evidence`, key, { file: photo })),
    ).toEqual([201, null]);
    expect(
      outcome(
        await sendWithKey(testApp, observer, `/api/offers/${otherOfferId}/evidence`, key, { file: photo }),
      ),
    ).toEqual([409, 'IDEMPOTENCY_KEY_REUSED']);
    expect(
      outcome(
        await sendWithKey(testApp, observer, `/api/offers/${offerId}/evidence`, 'not-a-uuid', {
          file: photo,
        }),
      ),
    ).toEqual([400, 'VALIDATION_FAILED']);
    // Someone else's offer stays invisible even with a key that exists.
    expect(
      outcome(
        await sendWithKey(testApp, otherObserver, `/api/offers/${offerId}/evidence`, key, { file: photo }),
      ),
    ).toEqual([404, 'OFFER_NOT_FOUND']);
  });

  it('answers a retried outcome with the stored answer; a second, different outcome is still refused', async () => {
    const key = randomUUID();
    const url = `/api/offers/${offerId}/outcome`;
    const report = { json: { outcome: 'confirmed', notes: 'Two vans, agents left at 9:10' } };
    const first = await sendWithKey(testApp, observer, url, key, report);
    const retry = await sendWithKey(testApp, observer, url, key, report);
    expect([first.statusCode, retry.statusCode]).toEqual([200, 200]);
    expect(retry.json<{ offer: { id: string; outcome: string } }>().offer.outcome).toBe('confirmed');
    expect(first.json<{ isIncidentChanged: boolean }>().isIncidentChanged).toBe(true);
    expect(retry.json<{ isIncidentChanged: boolean }>().isIncidentChanged).toBe(false);
    const audits = await testApp.context.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_id', '=', offerId)
      .where('action', '=', 'dispatch.outcomeReported')
      .execute();
    expect(audits).toHaveLength(1);
    expect(outcome(await sendWithKey(testApp, observer, url, randomUUID(), report))).toEqual([
      409,
      'OUTCOME_ALREADY_REPORTED',
    ]);
    expect(outcome(await sendWithKey(testApp, observer, url, null, report))).toEqual([
      409,
      'OUTCOME_ALREADY_REPORTED',
    ]);
  });
});
