import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import {
  createVoiceJobs,
  createVoicemailFiles,
  voicemailFileKeyContext,
} from '../../server/modules/channels/voice/index.ts';
import { newMediaKey, responderFields } from '../../server/modules/field/index.ts';
import { newId } from '../../server/platform/ids/ids.ts';
import { signTwilioRequest } from '../../server/platform/sms/twilio-webhook.ts';
import type { TestApp } from '../support/app.ts';
import { buildMember } from '../support/factories.ts';
import type { BuiltMember } from '../support/factories.ts';
import type { FactoryContext } from '../support/factories.ts';
import type { FakeTwilio } from '../support/fake-twilio.ts';
import { jobContextFor, publicUrl } from './support.ts';

export const voicePath = '/webhooks/twilio/voice';

/** Twilio's ids: CA + 32 hex for calls, RE + 32 hex for recordings. */
export const callSidOf = () => `CA${randomBytes(16).toString('hex')}`;
export const recordingSidOf = () => `RE${randomBytes(16).toString('hex')}`;

/**
 * POSTs a voice webhook as Twilio does: form-encoded params, signed (X-Twilio-Signature) over
 * the public URL with its query. `url` may be absolute (as the TwiML named it) or a path.
 */
export function postVoice(
  testApp: TestApp,
  url: string,
  params: Record<string, string>,
  options: { signature?: string | null } = {},
): Promise<LightMyRequestResponse> {
  const path = url.startsWith(publicUrl) ? url.slice(publicUrl.length) : url;
  const authToken = testApp.context.config.twilio?.authToken ?? '';
  const signature =
    options.signature === undefined
      ? signTwilioRequest(authToken, `${publicUrl}${path}`, params)
      : options.signature;
  return testApp.app.inject({
    method: 'POST',
    url: path,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(signature === null ? {} : { 'x-twilio-signature': signature }),
    },
    payload: new URLSearchParams(params).toString(),
  });
}

/** The first attribute `name` of element `element` in a TwiML answer (entities decoded). */
export function attributeOf(twiml: string, element: string, name: string): string | null {
  const match = new RegExp(`<${element}\\b[^>]*\\s${name}="([^"]*)"`).exec(twiml);
  return match?.[1]?.replace(/&amp;/g, '&') ?? null;
}

/** A dispatcher on duty now (an extra turn on the rota) whose phone number is verified. */
export async function buildOnDutyOperator(
  context: FactoryContext,
  networkId: string,
  phone: string,
): Promise<BuiltMember> {
  const member = await buildMember(context, { networkId, roles: [{ role: 'dispatcher' }] });
  const now = context.clock.now();
  const { db } = context.database;
  await db
    .insertInto('responder_profiles')
    .values({
      member_id: member.id,
      network_id: networkId,
      is_on_call: 1,
      on_call_windows: '[]',
      has_windows: 0,
      sms_phone_enc: context.crypto.encrypt(phone, responderFields.smsPhone),
      sms_phone_index: null,
      push_subscription_enc: null,
      location_lat: null,
      location_lon: null,
      location_updated_at: null,
      location_expires_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto('rota_exceptions')
    .values({
      id: newId(),
      network_id: networkId,
      member_id: member.id,
      role: 'dispatcher',
      area_id: null,
      kind: 'extra',
      starts_at: now - 60 * 60 * 1000,
      ends_at: now + 3 * 60 * 60 * 1000,
      swap_id: null,
      created_by: member.id,
      created_at: now,
    })
    .execute();
  return member;
}

/** A short MP3 (an ID3 tag, then MPEG frame headers) carrying `marker` as its "speech". */
export function fakeMp3(marker: string): Uint8Array {
  const id3 = Buffer.from([0x49, 0x44, 0x33, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]);
  const frame = Buffer.concat([Buffer.from([0xff, 0xfb, 0x90, 0x64]), Buffer.alloc(413 - 4, 0)]);
  return new Uint8Array(Buffer.concat([id3, frame, Buffer.from(marker, 'utf8'), frame]));
}

/**
 * A stored voicemail of `networkId` on one report of `incident` (an encrypted file under the
 * app's data directory and its row), as the storing job leaves it; returns the voicemail's id.
 */
export async function buildStoredVoicemail(
  context: FactoryContext & { config: { dataDirectory: string } },
  input: { networkId: string; incidentId: string; reportId: string; bytes?: Uint8Array },
): Promise<string> {
  const id = newId();
  const key = newMediaKey();
  const bytes = input.bytes ?? fakeMp3('a stored message');
  await createVoicemailFiles(context.config.dataDirectory).write(input.networkId, id, key, bytes);
  const now = context.clock.now();
  await context.database.db
    .insertInto('voicemails')
    .values({
      id,
      network_id: input.networkId,
      call_sid: callSidOf(),
      recording_sid: recordingSidOf(),
      report_id: input.reportId,
      incident_id: input.incidentId,
      language: 'en',
      media_type: 'audio/mpeg',
      size_bytes: bytes.byteLength,
      duration_seconds: 12,
      file_key_enc: context.crypto.encrypt(Buffer.from(key).toString('base64'), voicemailFileKeyContext),
      provider_deleted_at: now,
      created_at: now,
      stored_at: now,
    })
    .execute();
  return id;
}

/**
 * A caller leaves a voicemail through the real webhooks (menu, "leave a message", consent to a
 * call back, Twilio's recording callback) and the storing job runs, fetching `speech` from the
 * stand-in as the recording's audio.
 */
export async function plantVoicemail(
  testApp: TestApp,
  twilio: FakeTwilio,
  input: { hotline: string; callerPhone: string; speech: string },
): Promise<void> {
  const base = { CallSid: callSidOf(), From: input.callerPhone, To: input.hotline };
  const expectOk = (response: LightMyRequestResponse) => {
    if (response.statusCode !== 200)
      throw new Error(`voice webhook answered ${response.statusCode}: ${response.body}`);
  };
  expectOk(await postVoice(testApp, voicePath, base));
  expectOk(await postVoice(testApp, `${voicePath}/choice?lang=en`, { ...base, Digits: '3' }));
  expectOk(await postVoice(testApp, `${voicePath}/consent?lang=en`, { ...base, Digits: '1' }));
  const RecordingSid = recordingSidOf();
  twilio.addRecording(RecordingSid, fakeMp3(input.speech));
  expectOk(
    await postVoice(testApp, `${voicePath}/recording?lang=en`, {
      CallSid: base.CallSid,
      RecordingSid,
      RecordingStatus: 'completed',
      RecordingDuration: '9',
    }),
  );
  const jobs = createVoiceJobs(testApp.context);
  const { db } = testApp.database;
  for (const name of ['voice.storeVoicemail', 'voice.deleteRecording']) {
    const job = jobs.find((definition) => definition.name === name);
    const rows = await db
      .selectFrom('jobs')
      .select(['id', 'payload'])
      .where('name', '=', name)
      .where('status', '=', 'pending')
      .execute();
    for (const row of rows) {
      await job?.handle(job.payload.parse(JSON.parse(row.payload)), jobContextFor(testApp));
      await db.updateTable('jobs').set({ status: 'done' }).where('id', '=', row.id).execute();
    }
  }
}

/** One second of a 440 Hz tone as 8 kHz, 16-bit mono PCM WAV (audio every browser plays). */
export function toneWav(seconds = 1): Uint8Array {
  const rate = 8000;
  const samples = rate * seconds;
  const data = Buffer.alloc(samples * 2);
  for (let index = 0; index < samples; index += 1) {
    data.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 440 * index) / rate) * 8000), index * 2);
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return new Uint8Array(Buffer.concat([header, data]));
}
