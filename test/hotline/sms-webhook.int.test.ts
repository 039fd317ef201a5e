import { afterAll, beforeAll, expect, it } from 'vitest';
import { reportFieldContexts } from '../../server/modules/intake/incidents/index.ts';
import {
  handleInboundSms,
  hotlineDepsFrom,
  smsKeywordHandlersFor,
} from '../../server/modules/channels/sms/index.ts';
import type { SmsKeywordHandler } from '../../server/modules/channels/sms/index.ts';
import { contactIndexOf, isSmsOptedOut } from '../../server/modules/alerting/subscriptions/index.ts';
import { reportSourcePurpose } from '../../server/modules/intake/reports/index.ts';
import { t } from '../../server/platform/i18n/index.ts';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildMember, signIn } from '../support/factories.ts';
import {
  buildHotlineNetwork,
  createHotlineApp,
  publicUrl,
  randomPhone,
  sendText,
  twimlTexts,
  webhookPath,
} from './support.ts';

describeEachDatabase('SMS hotline webhook', (dialect) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createHotlineApp(dialect);
  });
  afterAll(() => testApp.close());

  const reportsFrom = (networkId: string) =>
    testApp.database.db.selectFrom('reports').selectAll().where('network_id', '=', networkId).execute();

  it('turns a correctly signed Spanish text into a report and answers in Spanish, after storing it', async () => {
    const { network, hotline } = await buildHotlineNetwork(testApp.context);
    const from = randomPhone();
    const response = await sendText(testApp, {
      from,
      to: hotline,
      body: 'La migra está deteniendo gente en 1845 S Loomis St, hay dos camionetas',
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/xml/);
    const replies = twimlTexts(response);
    expect(replies).toEqual([
      t('es', 'sms.reportReceived', { networkName: network.name }),
      t('es', 'sms.askConsent', {}),
    ]);
    expect(replies[0]).toContain('recibimos');

    const [report, ...others] = await reportsFrom(network.id);
    expect(others).toEqual([]);
    expect(report).toMatchObject({
      channel: 'sms',
      language: 'es',
      callback_contact_enc: null,
      contact_consent: 0,
    });
    // The number is kept only as a keyed hash until the texter consents.
    const digits = from.replace('+', '');
    expect(report?.source_hash).toBe(
      testApp.context.crypto.blindIndex(`phone:${digits}`, reportSourcePurpose),
    );
    expect(JSON.stringify(report)).not.toContain(digits.slice(-7));
    const text = testApp.context.crypto.decrypt(
      report?.location_text_enc ?? '',
      reportFieldContexts.locationText,
    );
    expect(text).toBe('1845 S Loomis St');
    const incident = await testApp.database.db
      .selectFrom('incidents')
      .select(['id', 'report_count', 'category'])
      .where('id', '=', report?.incident_id ?? '')
      .executeTakeFirstOrThrow();
    expect(incident.report_count).toBe(1);

    // "Sí": the number becomes the report's callback contact, encrypted.
    const consent = await sendText(testApp, { from, to: hotline, body: 'Sí' });
    expect(twimlTexts(consent)).toEqual([t('es', 'sms.consentSaved', { networkName: network.name })]);
    const [withContact] = await reportsFrom(network.id);
    expect(withContact?.contact_consent).toBe(1);
    expect(
      testApp.context.crypto.decrypt(
        withContact?.callback_contact_enc ?? '',
        reportFieldContexts.callbackContact,
      ),
    ).toBe(from);
  });

  it('asks where when the text has no location, then completes the report with the answer', async () => {
    const { network, hotline } = await buildHotlineNetwork(testApp.context);
    const from = randomPhone();
    const first = await sendText(testApp, {
      from,
      to: hotline,
      body: 'ICE agents are knocking on doors right now',
    });
    expect(twimlTexts(first)).toEqual([t('en', 'sms.askLocation', { networkName: network.name })]);
    expect(await reportsFrom(network.id)).toEqual([]);
    const conversation = await testApp.database.db
      .selectFrom('sms_conversations')
      .selectAll()
      .where('network_id', '=', network.id)
      .executeTakeFirstOrThrow();
    expect(conversation.stage).toBe('awaiting_location');
    expect(conversation.draft_enc).not.toContain('knocking');

    const second = await sendText(testApp, { from, to: hotline, body: '60608' });
    expect(twimlTexts(second)).toEqual([
      t('en', 'sms.reportReceived', { networkName: network.name }),
      t('en', 'sms.askConsent', {}),
    ]);
    const [report] = await reportsFrom(network.id);
    expect(report).toMatchObject({
      zip: '60608',
      location_precision: 'zip',
      language: 'en',
      category: 'home',
    });
    expect(
      testApp.context.crypto.decrypt(report?.description_enc ?? '', reportFieldContexts.description),
    ).toBe('ICE agents are knocking on doors right now');

    // "No": nothing about the texter is kept, and the conversation is over.
    const declined = await sendText(testApp, { from, to: hotline, body: 'no' });
    expect(twimlTexts(declined)).toEqual([t('en', 'sms.consentDeclined', { networkName: network.name })]);
    const [after] = await reportsFrom(network.id);
    expect(after?.callback_contact_enc).toBeNull();
    const left = await testApp.database.db
      .selectFrom('sms_conversations')
      .select('id')
      .where('network_id', '=', network.id)
      .execute();
    expect(left).toEqual([]);
  });

  it('rejects a badly signed or unsigned webhook with 403 and stores nothing', async () => {
    const { network, hotline } = await buildHotlineNetwork(testApp.context);
    const text = { from: randomPhone(), to: hotline, body: 'ICE at 1845 S Loomis St' };
    const cases = [
      { ...text, signature: null },
      { ...text, signature: 'bm90IGEgc2lnbmF0dXJl' },
      { ...text, authToken: 'another-token-456' },
      // Signed over the address the server was reached at, not the public URL Twilio calls.
      { ...text, signedUrl: `http://localhost:80${webhookPath}` },
    ];
    for (const options of cases) {
      const response = await sendText(testApp, options);
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ error: { code: 'TWILIO_SIGNATURE_INVALID' } });
    }
    const json = await testApp.app.inject({
      method: 'POST',
      url: webhookPath,
      payload: { From: text.from, To: hotline, Body: text.body },
    });
    expect(json.statusCode).toBe(403);
    expect(await reportsFrom(network.id)).toEqual([]);
  });

  it('routes STOP to subscriptions (always, even mid-conversation) and ends the conversation', async () => {
    const { network, hotline } = await buildHotlineNetwork(testApp.context);
    const from = randomPhone();
    await sendText(testApp, { from, to: hotline, body: 'agents knocking on doors' });
    const response = await sendText(testApp, { from, to: hotline, body: 'STOP' });
    expect(response.statusCode).toBe(200);
    const phoneIndex = contactIndexOf(testApp.context.crypto, 'sms', from);
    expect(await isSmsOptedOut(testApp.database.db, network.id, phoneIndex)).toBe(true);
    expect(twimlTexts(response).join(' ')).toContain(network.name);
    const conversations = await testApp.database.db
      .selectFrom('sms_conversations')
      .select('id')
      .where('network_id', '=', network.id)
      .execute();
    expect(conversations).toEqual([]);
    expect(await reportsFrom(network.id)).toEqual([]);
  });

  it('gives registered keywords to their handler and never turns a responder reply into a report', async () => {
    const { network, hotline } = await buildHotlineNetwork(testApp.context);
    const seen: string[] = [];
    // The router is declared from a list of handlers: here the app's own, and one more.
    const ping: SmsKeywordHandler = {
      keywords: ['PING'],
      requiresArgument: true,
      handle: (message) => {
        seen.push(`${message.keyword} ${message.argument} ${message.networkId}`);
        return Promise.resolve({ handled: true, replies: ['pong'] });
      },
    };
    const deps = hotlineDepsFrom(testApp.context, [...smsKeywordHandlersFor(testApp.context), ping]);
    const replies = await handleInboundSms(deps, { from: randomPhone(), to: hotline, body: 'ping k7q2' });
    expect(replies).toEqual(['pong']);
    expect(seen).toEqual([`PING K7Q2 ${network.id}`]);
    // An offer reply from a number that is no responder's: reserved all the same, never a report.
    for (const body of ['acepto 4821', 'DECLINE K7Q2']) {
      const response = await sendText(testApp, { from: randomPhone(), to: hotline, body });
      expect(twimlTexts(response)).toEqual([
        t('en', 'sms.notUnderstood', { networkName: network.name, helpKeyword: 'HELP' }),
      ]);
    }
    expect(await reportsFrom(network.id)).toEqual([]);
  });

  it('keeps a weaponized tip out of incidents and shows it to coordinators only', async () => {
    const { network, hotline } = await buildHotlineNetwork(testApp.context);
    const response = await sendText(testApp, {
      from: randomPhone(),
      to: hotline,
      body: 'Quiero denunciar a mi vecino, es ilegal y vive en 2100 S Kedzie Ave',
    });
    expect(twimlTexts(response)).toEqual([t('es', 'sms.reportReceived', { networkName: network.name })]);
    expect(await reportsFrom(network.id)).toEqual([]);
    const incidents = await testApp.database.db
      .selectFrom('incidents')
      .select('id')
      .where('network_id', '=', network.id)
      .execute();
    expect(incidents).toEqual([]);

    const coordinator = await buildMember(testApp.context, {
      networkId: network.id,
      roles: [{ role: 'coordinator' }],
      withTotp: true,
    });
    const dispatcher = await buildMember(testApp.context, {
      networkId: network.id,
      roles: [{ role: 'dispatcher' }],
    });
    const asCoordinator = await testApp.app.inject({
      method: 'GET',
      url: '/api/flagged-reports',
      headers: (await signIn(testApp.context, coordinator)).headers,
    });
    expect(asCoordinator.statusCode).toBe(200);
    const { flaggedReports } = asCoordinator.json<{
      flaggedReports: { description: string; reasons: string[] }[];
    }>();
    expect(flaggedReports).toHaveLength(1);
    expect(flaggedReports[0]?.description).toContain('denunciar a mi vecino');
    expect(flaggedReports[0]?.reasons).toContain('denounces_person');
    const audit = await testApp.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_member_id'])
      .where('chain', '=', network.id)
      .where('action', '=', 'sensitive.read')
      .execute();
    expect(audit).toEqual([{ action: 'sensitive.read', actor_member_id: coordinator.id }]);
    const asDispatcher = await testApp.app.inject({
      method: 'GET',
      url: '/api/flagged-reports',
      headers: (await signIn(testApp.context, dispatcher)).headers,
    });
    expect(asDispatcher.statusCode).toBe(403);
  });

  it('answers 429 with Retry-After when one number floods the line', async () => {
    const { hotline } = await buildHotlineNetwork(testApp.context);
    const from = randomPhone();
    const statuses: number[] = [];
    let retryAfter: string | undefined;
    for (let index = 0; index < 25; index += 1) {
      const response = await sendText(testApp, {
        from,
        to: hotline,
        body: `ICE at ${1000 + index} S Loomis St`,
      });
      statuses.push(response.statusCode);
      if (response.statusCode === 429) {
        retryAfter = String(response.headers['retry-after']);
        expect(response.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
      }
    }
    expect(statuses.filter((status) => status === 200).length).toBe(20);
    expect(statuses.filter((status) => status === 429).length).toBe(5);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });

  it('answers nothing for a number that is no network’s hotline', async () => {
    const response = await sendText(testApp, {
      from: randomPhone(),
      to: randomPhone(),
      body: 'ICE at 1845 S Loomis St',
    });
    expect(response.statusCode).toBe(200);
    expect(twimlTexts(response)).toEqual([]);
  });

  it('is 503 TWILIO_NOT_CONFIGURED when Twilio is not set up', async () => {
    const bare = await createTestApp(dialect, { AMPARO_PUBLIC_URL: publicUrl });
    try {
      const response = await sendText(bare, { from: randomPhone(), to: randomPhone(), body: 'hola' });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({ error: { code: 'TWILIO_NOT_CONFIGURED' } });
    } finally {
      await bare.close();
    }
  });
});
