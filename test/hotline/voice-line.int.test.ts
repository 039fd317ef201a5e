import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createVoiceJobs, sweepRecordingDeletions } from '../../server/modules/channels/voice/index.ts';
import { voicemailJobDepsFrom } from '../../server/modules/channels/voice/voice.jobs.ts';
import { reportFieldContexts } from '../../server/modules/intake/incidents/index.ts';
import { t } from '../../server/platform/i18n/index.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { startFakeTwilio } from '../support/fake-twilio.ts';
import type { FakeTwilio } from '../support/fake-twilio.ts';
import { buildMember, signIn } from '../support/factories.ts';
import { validateVoiceTwiml } from '../support/twiml-validator.ts';
import { buildHotlineNetwork, createHotlineApp, jobContextFor, randomPhone } from './support.ts';
import {
  attributeOf,
  buildOnDutyOperator,
  callSidOf,
  fakeMp3,
  postVoice,
  recordingSidOf,
  voicePath,
} from './voice-support.ts';

describeEachDatabase('phone line (Twilio voice webhooks)', (dialect) => {
  let testApp: TestApp;
  let twilio: FakeTwilio;
  beforeAll(async () => {
    twilio = await startFakeTwilio({ authToken: 'voice-test-token-123' });
    testApp = await createHotlineApp(dialect, {
      twilioApiBase: twilio.url,
      accountSid: twilio.accountSid,
      authToken: twilio.authToken,
      environment: { AMPARO_VOICE_RING_SECONDS: '17', AMPARO_VOICEMAIL_MAX_SECONDS: '90' },
    });
  });
  afterAll(async () => {
    await testApp.close();
    await twilio.close();
  });

  const db = () => testApp.database.db;
  const valid = (twiml: string) => {
    expect(validateVoiceTwiml(twiml)).toEqual([]);
    return twiml;
  };

  /** Runs every pending job of `name` once, as the worker would; returns how many ran. */
  async function runJobs(name: string): Promise<number> {
    const rows = await db()
      .selectFrom('jobs')
      .select(['id', 'payload'])
      .where('name', '=', name)
      .where('status', '=', 'pending')
      .execute();
    const job = createVoiceJobs(testApp.context).find((definition) => definition.name === name);
    if (!job) throw new Error(`no job ${name}`);
    for (const row of rows) {
      await job.handle(job.payload.parse(JSON.parse(row.payload)), jobContextFor(testApp));
      await db().updateTable('jobs').set({ status: 'done' }).where('id', '=', row.id).execute();
    }
    return rows.length;
  }

  it('takes a call through the language menu, rings the operator, records a voicemail nobody answered, stores it encrypted and deletes it at Twilio', async () => {
    const { network, hotline } = await buildHotlineNetwork(testApp.context, ['es', 'en', 'ar']);
    const operatorPhone = randomPhone();
    const operator = await buildOnDutyOperator(testApp.context, network.id, operatorPhone);
    const caller = randomPhone();
    const CallSid = callSidOf();
    const base = { CallSid, From: caller, To: hotline, AccountSid: twilio.accountSid, CallStatus: 'ringing' };

    // 1. The call arrives: a greeting and the language menu, each option spoken in its language.
    const first = await postVoice(testApp, voicePath, base);
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toMatch(/^text\/xml/);
    const menu = valid(first.body);
    expect(menu).toContain(
      `<Say language="es-US" voice="Polly.Lupe">${t('es', 'voice.languageOption', { digit: '1' })}</Say>`,
    );
    expect(menu).toContain(
      `<Say language="en-US" voice="Polly.Joanna">${t('en', 'voice.languageOption', { digit: '2' })}</Say>`,
    );
    expect(menu).toContain('<Say language="arb" voice="Polly.Zeina">');
    // A replay of the same CallSid: the same answer, nothing new stored.
    const replay = await postVoice(testApp, voicePath, base);
    expect(replay.body).toBe(first.body);
    const calls = await db()
      .selectFrom('voice_calls')
      .selectAll()
      .where('network_id', '=', network.id)
      .execute();
    expect(calls).toHaveLength(1);
    expect(JSON.stringify(calls)).not.toContain(caller.slice(2));
    expect(calls[0]?.caller_last_digits).toBe(caller.slice(-2));

    // 2. "1": Spanish. The menu of services, in Spanish.
    const chosen = await postVoice(testApp, attributeOf(menu, 'Gather', 'action') ?? '', {
      ...base,
      Digits: '1',
    });
    const services = valid(chosen.body);
    expect(services).toContain(t('es', 'voice.menu'));

    // 3. "1": a person. Every on-duty operator's verified number is dialled, each with a whisper.
    const dialled = await postVoice(testApp, attributeOf(services, 'Gather', 'action') ?? '', {
      ...base,
      Digits: '1',
    });
    const dial = valid(dialled.body);
    expect(attributeOf(dial, 'Dial', 'timeout')).toBe('17');
    expect(dial).toContain(`>${operatorPhone}</Number>`);
    const whisperUrl = attributeOf(dial, 'Number', 'url') ?? '';
    expect(whisperUrl).toContain(operator.id);
    const live = await testApp.app.inject({
      method: 'GET',
      url: '/api/voice/calls',
      headers: (
        await signIn(
          testApp.context,
          { id: operator.id, networkId: network.id },
          { secondFactorProved: true },
        )
      ).headers,
    });
    expect(live.json()).toMatchObject({
      calls: [{ callSid: CallSid, status: 'ringing', language: 'es', callerLastDigits: caller.slice(-2) }],
    });
    expect(live.body).not.toContain(caller.slice(2, -2));

    // The operator's phone answers (its own voicemail, say): the whisper asks for a key; none comes.
    const legSid = callSidOf();
    const whispered = await postVoice(testApp, whisperUrl, {
      CallSid: legSid,
      From: hotline,
      To: operatorPhone,
      ParentCallSid: CallSid,
    });
    const whisper = valid(whispered.body);
    expect(whisper).toContain(t('es', 'voice.languageName'));
    expect(whisper).toMatch(/<\/Gather><Hangup\/><\/Response>$/);

    // 4. Nobody took it: the dial ends and the caller is offered voicemail.
    const ended = await postVoice(testApp, attributeOf(dial, 'Dial', 'action') ?? '', {
      ...base,
      DialCallStatus: 'no-answer',
    });
    const record = valid(ended.body);
    expect(attributeOf(record, 'Record', 'maxLength')).toBe('90');
    expect(record).toContain(t('es', 'voice.voicemailPrompt'));

    // 5. After the message: consent to a call back, by keypress.
    const recorded = await postVoice(testApp, attributeOf(record, 'Record', 'action') ?? '', {
      ...base,
      RecordingUrl: 'https://api.twilio.com/x',
      RecordingDuration: '42',
      Digits: 'hangup',
    });
    // Twilio's action after a caller hung up mid-message: nobody left to ask.
    expect(valid(recorded.body)).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    const asked = await postVoice(testApp, attributeOf(record, 'Record', 'action') ?? '', {
      ...base,
      RecordingDuration: '42',
    });
    const consent = valid(asked.body);
    const saved = await postVoice(testApp, attributeOf(consent, 'Gather', 'action') ?? '', {
      ...base,
      Digits: '1',
    });
    expect(valid(saved.body)).toContain(t('es', 'voice.consentSaved'));

    // 6. Twilio's recording callback: the voicemail is fetched, stored encrypted, made a report.
    const RecordingSid = recordingSidOf();
    const marker = `VOICE-PLAINTEXT-${RecordingSid}`;
    twilio.addRecording(RecordingSid, fakeMp3(marker));
    const callbackUrl = attributeOf(record, 'Record', 'recordingStatusCallback') ?? '';
    const recordingParams = {
      AccountSid: twilio.accountSid,
      CallSid,
      RecordingSid,
      RecordingStatus: 'completed',
      RecordingDuration: '42',
      RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/${twilio.accountSid}/Recordings/${RecordingSid}`,
    };
    expect((await postVoice(testApp, callbackUrl, recordingParams)).statusCode).toBe(200);
    expect((await postVoice(testApp, callbackUrl, recordingParams)).statusCode).toBe(200);
    expect(await runJobs('voice.storeVoicemail')).toBe(1);

    const [voicemail, ...more] = await db()
      .selectFrom('voicemails')
      .selectAll()
      .where('network_id', '=', network.id)
      .execute();
    expect(more).toEqual([]);
    expect(voicemail).toMatchObject({
      media_type: 'audio/mpeg',
      duration_seconds: 42,
      language: 'es',
      provider_deleted_at: null,
    });
    const report = await db()
      .selectFrom('reports')
      .selectAll()
      .where('id', '=', voicemail?.report_id ?? '')
      .executeTakeFirstOrThrow();
    expect(report).toMatchObject({
      channel: 'voicemail',
      language: 'es',
      contact_consent: 1,
      incident_id: voicemail?.incident_id,
    });
    // The number was kept because the caller pressed 1, encrypted, as the report's callback contact.
    expect(
      testApp.context.crypto.decrypt(report.callback_contact_enc ?? '', reportFieldContexts.callbackContact),
    ).toBe(caller);
    const description = testApp.context.crypto.decrypt(
      report.description_enc ?? '',
      reportFieldContexts.description,
    );
    expect(description).toBe(
      t('es', 'voice.voicemailReport', { duration: '0:42', language: t('es', 'voice.languageName') }),
    );

    // On disk: only ciphertext.
    const file = path.join(
      testApp.context.config.dataDirectory,
      'voicemail',
      network.id,
      `${voicemail?.id}.amp`,
    );
    const onDisk = fs.readFileSync(file);
    expect(onDisk.subarray(0, 4).toString('ascii')).toBe('AMPM');
    expect(onDisk.includes(Buffer.from(marker))).toBe(false);
    expect(onDisk.includes(Buffer.from('ID3'))).toBe(false);

    // 7. Twilio's copy is deleted; a failed DELETE is retried until it succeeds.
    twilio.failRecordingDeletes(1);
    await expect(runJobs('voice.deleteRecording')).rejects.toThrow(/500/);
    expect(twilio.recordings.has(RecordingSid)).toBe(true);
    await db()
      .updateTable('jobs')
      .set({ status: 'pending' })
      .where('name', '=', 'voice.deleteRecording')
      .execute();
    expect(await runJobs('voice.deleteRecording')).toBe(1);
    expect(twilio.recordings.has(RecordingSid)).toBe(false);
    expect(twilio.recordingRequests.filter((request) => request.sid === RecordingSid)).toEqual([
      { method: 'GET', sid: RecordingSid, status: 200 },
      { method: 'DELETE', sid: RecordingSid, status: 500 },
      { method: 'DELETE', sid: RecordingSid, status: 204 },
    ]);
    const deleted = await db()
      .selectFrom('voicemails')
      .select('provider_deleted_at')
      .where('id', '=', voicemail?.id ?? '')
      .executeTakeFirstOrThrow();
    expect(deleted.provider_deleted_at).not.toBeNull();

    // 8. A dispatcher lists the incident's voicemails and plays the decrypted audio.
    const dispatcher = await signIn(
      testApp.context,
      { id: operator.id, networkId: network.id },
      { secondFactorProved: true },
    );
    const list = await testApp.app.inject({
      method: 'GET',
      url: `/api/incidents/${voicemail?.incident_id}/voicemails`,
      headers: dispatcher.headers,
    });
    expect(list.json()).toMatchObject({
      voicemails: [
        { id: voicemail?.id, durationSeconds: 42, mediaType: 'audio/mpeg', isDeletedAtProvider: true },
      ],
    });
    const audio = await testApp.app.inject({
      method: 'GET',
      url: `/api/voicemails/${voicemail?.id}/audio`,
      headers: dispatcher.headers,
    });
    expect(audio.statusCode).toBe(200);
    expect(audio.headers['content-type']).toBe('audio/mpeg');
    expect(Buffer.from(audio.rawPayload).equals(Buffer.from(fakeMp3(marker)))).toBe(true);
  });

  it('plays the voicemail only to members who may read the report', async () => {
    const { network, hotline } = await buildHotlineNetwork(testApp.context, ['en']);
    const { network: other } = await buildHotlineNetwork(testApp.context, ['en']);
    const voicemailId = await leaveVoicemail(network.id, hotline, 'en');
    const outsider = await buildMember(testApp.context, {
      networkId: other.id,
      roles: [{ role: 'dispatcher' }],
    });
    const responder = await buildMember(testApp.context, {
      networkId: network.id,
      roles: [{ role: 'responder' }],
    });
    for (const member of [outsider, responder]) {
      const session = await signIn(testApp.context, member, { secondFactorProved: true });
      const audio = await testApp.app.inject({
        method: 'GET',
        url: `/api/voicemails/${voicemailId}/audio`,
        headers: session.headers,
      });
      expect(audio.statusCode).toBe(404);
      expect(audio.json()).toMatchObject({ error: { code: 'VOICEMAIL_NOT_FOUND' } });
    }
    const anonymous = await testApp.app.inject({
      method: 'GET',
      url: `/api/voicemails/${voicemailId}/audio`,
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('lets the first operator who presses the key take the call, which then shows on their screen', async () => {
    const { network, hotline } = await buildHotlineNetwork(testApp.context, ['en', 'es']);
    const first = await buildOnDutyOperator(testApp.context, network.id, randomPhone());
    const second = await buildOnDutyOperator(testApp.context, network.id, randomPhone());
    const CallSid = callSidOf();
    const base = { CallSid, From: randomPhone(), To: hotline };
    await postVoice(testApp, voicePath, base);
    await postVoice(testApp, `${voicePath}/language`, { ...base, Digits: '2' });
    const dial = valid(
      (await postVoice(testApp, `${voicePath}/choice?lang=es`, { ...base, Digits: '1' })).body,
    );
    expect(dial.match(/<Number /g)).toHaveLength(2);
    const acceptUrl = (memberId: string) => `${voicePath}/accept?call=${CallSid}&member=${memberId}`;
    const taken = await postVoice(testApp, acceptUrl(second.id), { CallSid: callSidOf(), Digits: '1' });
    expect(valid(taken.body)).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    const late = await postVoice(testApp, acceptUrl(first.id), { CallSid: callSidOf(), Digits: '1' });
    expect(valid(late.body)).toContain('<Hangup/>');
    const session = await signIn(
      testApp.context,
      { id: second.id, networkId: network.id },
      { secondFactorProved: true },
    );
    const live = await testApp.app.inject({
      method: 'GET',
      url: '/api/voice/calls',
      headers: session.headers,
    });
    expect(live.json()).toMatchObject({
      calls: [{ callSid: CallSid, status: 'answered', language: 'es', isAnsweredByMe: true }],
    });
    // The dial's action after a completed bridge ends the call.
    const over = await postVoice(testApp, `${voicePath}/dial-ended?lang=es`, {
      ...base,
      DialCallStatus: 'completed',
    });
    expect(valid(over.body)).not.toContain('<Record');
  });

  it('plays the know-your-rights message from the menu, and sends callers in flood mode straight to it and voicemail', async () => {
    const { network, hotline } = await buildHotlineNetwork(testApp.context, ['en', 'es']);
    await buildOnDutyOperator(testApp.context, network.id, randomPhone());
    const base = { CallSid: callSidOf(), From: randomPhone(), To: hotline };
    await postVoice(testApp, voicePath, base);
    const rights = valid(
      (await postVoice(testApp, `${voicePath}/choice?lang=en`, { ...base, Digits: '2' })).body,
    );
    expect(rights).toContain(t('en', 'voice.rights'));
    expect(rights).toContain('<Redirect method="POST">');

    await db()
      .insertInto('intake_flood_modes')
      .values({ network_id: network.id, is_on: 1, changed_at: testApp.clock.now(), changed_by: null })
      .execute();
    testApp.clock.advance(5000);
    const flooded = { CallSid: callSidOf(), From: randomPhone(), To: hotline };
    await postVoice(testApp, voicePath, flooded);
    const diverted = valid(
      (await postVoice(testApp, `${voicePath}/language`, { ...flooded, Digits: '1' })).body,
    );
    expect(diverted).toContain(t('en', 'voice.rights'));
    expect(diverted).toContain('<Record ');
    expect(diverted).not.toContain('<Dial');
    // Pressing "1" for a person does not reach the operators either.
    const pressed = valid(
      (await postVoice(testApp, `${voicePath}/choice?lang=en`, { ...flooded, Digits: '1' })).body,
    );
    expect(pressed).not.toContain('<Dial');
  });

  it('refuses unsigned, wrongly signed and malformed webhooks and stores nothing', async () => {
    const { network, hotline } = await buildHotlineNetwork(testApp.context, ['en']);
    const base = { CallSid: callSidOf(), From: randomPhone(), To: hotline };
    const unsigned = await postVoice(testApp, voicePath, base, { signature: null });
    expect(unsigned.statusCode).toBe(403);
    expect(unsigned.json()).toMatchObject({ error: { code: 'TWILIO_SIGNATURE_INVALID' } });
    const forged = await postVoice(testApp, voicePath, base, { signature: 'bm90IGEgc2lnbmF0dXJl' });
    expect(forged.statusCode).toBe(403);
    const malformed = await postVoice(testApp, voicePath, { ...base, CallSid: 'not-a-call' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    const recording = await postVoice(testApp, `${voicePath}/recording?lang=en`, {
      CallSid: base.CallSid,
      RecordingSid: 'RE-bad',
      RecordingStatus: 'completed',
    });
    expect(recording.statusCode).toBe(400);
    const unsignedRecording = await postVoice(
      testApp,
      `${voicePath}/recording?lang=en`,
      { CallSid: base.CallSid, RecordingSid: recordingSidOf(), RecordingStatus: 'completed' },
      { signature: null },
    );
    expect(unsignedRecording.statusCode).toBe(403);
    expect(
      await db().selectFrom('voice_calls').select('call_sid').where('network_id', '=', network.id).execute(),
    ).toEqual([]);
    expect(
      await db().selectFrom('voicemails').select('id').where('network_id', '=', network.id).execute(),
    ).toEqual([]);
    expect(
      await db()
        .selectFrom('jobs')
        .select('id')
        .where('name', 'like', 'voice.%')
        .where('payload', 'like', `%${base.CallSid}%`)
        .execute(),
    ).toEqual([]);
  });

  it('answers callers over the per-number limit with a short notice and no call record', async () => {
    const { network, hotline } = await buildHotlineNetwork(testApp.context, ['en']);
    const from = randomPhone();
    const answers: string[] = [];
    for (let index = 0; index < 40; index += 1) {
      answers.push(
        (await postVoice(testApp, voicePath, { CallSid: callSidOf(), From: from, To: hotline })).body,
      );
    }
    const busy = answers.filter((answer) => answer.includes(t('en', 'voice.busy')));
    expect(busy.length).toBeGreaterThan(0);
    for (const answer of busy) expect(validateVoiceTwiml(answer)).toEqual([]);
    const stored = await db()
      .selectFrom('voice_calls')
      .select('call_sid')
      .where('network_id', '=', network.id)
      .execute();
    expect(stored.length).toBe(40 - busy.length);
  });

  it("re-queues Twilio's deletion hourly when its job ran out of attempts, until Twilio confirms", async () => {
    const { network, hotline } = await buildHotlineNetwork(testApp.context, ['en']);
    const voicemailId = await leaveVoicemail(network.id, hotline, 'en');
    const deletions = () =>
      db()
        .selectFrom('jobs')
        .select(['id', 'status'])
        .where('name', '=', 'voice.deleteRecording')
        .where('payload', 'like', `%${voicemailId}%`)
        .execute();
    const [first] = await deletions();
    // A long outage: every attempt failed and the job is dead.
    await db()
      .updateTable('jobs')
      .set({ status: 'dead' })
      .where('id', '=', first?.id ?? '')
      .execute();
    const deps = voicemailJobDepsFrom(testApp.context);
    const pending = async () => (await deletions()).filter((job) => job.status === 'pending').length;
    await sweepRecordingDeletions(deps); // less than an hour old: its own job may still run
    expect(await pending()).toBe(0);
    testApp.clock.advance(2 * 60 * 60 * 1000);
    await sweepRecordingDeletions(deps);
    expect(await pending()).toBe(1);
    await sweepRecordingDeletions(deps); // once per hour
    expect(await pending()).toBe(1);
    expect(await runJobs('voice.deleteRecording')).toBeGreaterThanOrEqual(1);
    const row = await db()
      .selectFrom('voicemails')
      .select('provider_deleted_at')
      .where('id', '=', voicemailId)
      .executeTakeFirstOrThrow();
    expect(row.provider_deleted_at).not.toBeNull();
    testApp.clock.advance(2 * 60 * 60 * 1000);
    await sweepRecordingDeletions(deps);
    expect(await pending()).toBe(0);
  });

  /** A complete voicemail through the webhooks and the storing job; returns its id. */
  async function leaveVoicemail(networkId: string, hotline: string, language: string): Promise<string> {
    const base = { CallSid: callSidOf(), From: randomPhone(), To: hotline };
    await postVoice(testApp, voicePath, base);
    await postVoice(testApp, `${voicePath}/choice?lang=${language}`, { ...base, Digits: '3' });
    const RecordingSid = recordingSidOf();
    twilio.addRecording(RecordingSid, fakeMp3('a message'));
    await postVoice(testApp, `${voicePath}/recording?lang=${language}`, {
      CallSid: base.CallSid,
      RecordingSid,
      RecordingStatus: 'completed',
      RecordingDuration: '7',
    });
    await runJobs('voice.storeVoicemail');
    const row = await db()
      .selectFrom('voicemails')
      .select('id')
      .where('network_id', '=', networkId)
      .where('recording_sid', '=', RecordingSid)
      .executeTakeFirstOrThrow();
    return row.id;
  }
});
