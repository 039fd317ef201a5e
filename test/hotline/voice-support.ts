import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { responderFields } from '../../server/modules/field/index.ts';
import { newId } from '../../server/platform/ids/ids.ts';
import { signTwilioRequest } from '../../server/platform/sms/twilio-webhook.ts';
import type { TestApp } from '../support/app.ts';
import { buildMember } from '../support/factories.ts';
import type { FactoryContext } from '../support/factories.ts';
import { publicUrl } from './support.ts';

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
): Promise<{ id: string }> {
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
