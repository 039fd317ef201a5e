import { createECDH, randomBytes, randomInt } from 'node:crypto';
import sharp from 'sharp';
import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { TestApp } from '../support/app.ts';
import {
  buildArea,
  buildInvitation,
  buildMember,
  buildNetwork,
  buildPasskey,
  signIn,
} from '../support/factories.ts';
import { call, person, pilsen, registerPhone, responder, uploadEvidence } from '../dispatch/support.ts';
import type { Person } from '../dispatch/support.ts';
import { sendText, twimlTexts } from '../hotline/support.ts';

/**
 * Unique marker values, one per sensitive field, planted through the public interfaces by
 * `plantEverySensitiveField`. Phone markers are E.164 numbers; the search also looks for their
 * digits without the plus sign.
 */
export function createMarkers() {
  const tag = randomBytes(5).toString('hex');
  const phone = () => `+1312${String(randomInt(2_000_000, 9_999_999))}`;
  return {
    tag,
    plainControl: `Red ${tag}`,
    text: {
      memberDisplayName: `Nombre Marcador ${tag}`,
      memberEmail: `marker-${tag}@example.org`,
      reportDescription: `descripcion-marcador-${tag}`,
      reportLocationText: `calle-marcador-${tag}`,
      reportCallbackContact: phone(),
      operatorDescription: `operador-marcador-${tag}`,
      incidentNote: `nota-marcador-${tag}`,
      statusChangeNote: `nota-estado-marcador-${tag}`,
      outboundMessage: `mensaje-saliente-marcador-${tag}`,
      inboundReply: `respuesta-entrante-marcador-${tag}`,
      hotlineTexterPhone: phone(),
      hotlineReportText: `texto-sms-marcador-${tag}`,
      hotlineDraftText: `borrador-sms-marcador-${tag}`,
      hotlineDraftPhone: phone(),
      flaggedTipText: `denuncia-marcador-${tag}`,
      smsSubscriberPhone: phone(),
      emailSubscriber: `suscriptor-${tag}@example.org`,
      pushSubscriptionEndpoint: `https://fcm.googleapis.com/fcm/send/publico-${tag}`,
      responderSmsPhone: phone(),
      responderPushEndpoint: `https://fcm.googleapis.com/fcm/send/respondedor-${tag}`,
      outcomeNotes: `notas-resultado-marcador-${tag}`,
      livestreamUrl: `https://stream.example.org/live/marcador-${tag}`,
      evidenceExifText: `exif-marcador-${tag}`,
      totpSecretBase32: '', // filled in when the secret is issued
      passkeyName: `llave-marcador-${tag}`,
      voiceCallerPhone: phone(),
      voicemailSpeech: `grabacion-marcador-${tag}`,
    },
    /** Byte strings that must not appear either (the TOTP secret's raw bytes). */
    bytes: {} as Record<string, Buffer>,
  };
}
export type Markers = ReturnType<typeof createMarkers>;

function pushKeys() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') };
}

function expectOk(response: LightMyRequestResponse, what: string): void {
  expect(response.statusCode, `${what}: ${response.body.slice(0, 300)}`).toBeLessThan(300);
}

/** RFC 4648 base32 (TOTP secrets) to bytes. */
function base32Bytes(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const character of text.replace(/=+$/, '')) {
    bits += alphabet.indexOf(character).toString(2).padStart(5, '0');
  }
  const bytes: number[] = [];
  for (let index = 0; index + 8 <= bits.length; index += 8)
    bytes.push(parseInt(bits.slice(index, index + 8), 2));
  return Buffer.from(bytes);
}

export interface PlantedWorld {
  networkId: string;
  hotline: string;
  evidenceBytes: number;
}

/** Members and sign-in: a joined member's name and email, and a TOTP secret from enrollment. */
async function plantMembersAndAuth(testApp: TestApp, markers: Markers, networkId: string) {
  const { context } = testApp;
  // Without a factor yet: the TOTP enrolment below is its first one.
  const admin = await buildMember(context, { networkId, roles: [{ role: 'admin' }], withTotp: false });
  const invitation = await buildInvitation(context, { networkId, createdBy: admin.id });
  const joined = await testApp.app.inject({
    method: 'POST',
    url: `/api/invitations/${invitation.token}/accept`,
    payload: {
      displayName: markers.text.memberDisplayName,
      email: markers.text.memberEmail,
      password: 'a long enough passphrase',
    },
  });
  expectOk(joined, 'join');
  const enrolled = await testApp.app.inject({
    method: 'POST',
    url: '/api/auth/totp/enroll',
    headers: (await signIn(context, admin)).headers,
  });
  expectOk(enrolled, 'totp enroll');
  const passkey = await buildPasskey(context, admin.id);
  expectOk(
    await testApp.app.inject({
      method: 'PATCH',
      url: `/api/auth/passkeys/${passkey.id}`,
      headers: (await signIn(context, admin)).headers,
      payload: { name: markers.text.passkeyName },
    }),
    'passkey rename',
  );
  const secret = enrolled.json<{ secret: string }>().secret;
  markers.text.totpSecretBase32 = secret;
  markers.bytes.totpSecret = base32Bytes(secret);
  expect(markers.bytes.totpSecret.length).toBeGreaterThanOrEqual(16);
}

/** Intake: the public form, an operator report, SMS reports, a weaponized tip, notes and messages. */
async function plantIntake(
  testApp: TestApp,
  markers: Markers,
  world: { networkId: string; slug: string; hotline: string; dispatcher: Person },
) {
  const { text } = markers;
  expectOk(
    await testApp.app.inject({
      method: 'POST',
      url: `/api/public/${world.slug}/reports`,
      payload: {
        category: 'workplace',
        zip: '60608',
        locationText: text.reportLocationText,
        description: text.reportDescription,
        callbackContact: text.reportCallbackContact,
        contactConsent: true,
      },
    }),
    'public report',
  );
  const webReport = await testApp.database.db
    .selectFrom('reports')
    .select(['id', 'incident_id'])
    .where('network_id', '=', world.networkId)
    .where('channel', '=', 'web')
    .executeTakeFirstOrThrow();
  const operator = await call(testApp, 'POST', '/api/reports', world.dispatcher, {
    channel: 'operator',
    category: 'workplace',
    location: pilsen,
    description: text.operatorDescription,
  });
  expectOk(operator, 'operator report');
  const incidentId = webReport.incident_id;
  const note = await call(testApp, 'POST', `/api/incidents/${incidentId}/notes`, world.dispatcher, {
    body: text.incidentNote,
  });
  expectOk(note, 'incident note');
  const status = await call(testApp, 'POST', `/api/incidents/${incidentId}/status`, world.dispatcher, {
    status: 'verifying',
    note: text.statusChangeNote,
  });
  expectOk(status, 'status change with note');
  const message = await call(testApp, 'POST', `/api/incidents/${incidentId}/messages`, world.dispatcher, {
    reportId: webReport.id,
    body: text.outboundMessage,
  });
  expectOk(message, 'message to the reporter');
  const reply = await sendText(testApp, {
    from: text.reportCallbackContact,
    to: world.hotline,
    body: text.inboundReply,
  });
  expect(twimlTexts(reply)).toHaveLength(1);

  // A texted report with its location, then "Sí": the number becomes the callback contact.
  const texted = await sendText(testApp, {
    from: text.hotlineTexterPhone,
    to: world.hotline,
    body: `La migra esta en 1845 S Loomis St ${text.hotlineReportText}`,
  });
  expect(twimlTexts(texted)).toHaveLength(2);
  expectOk(
    await sendText(testApp, { from: text.hotlineTexterPhone, to: world.hotline, body: 'Sí' }),
    'consent',
  );
  // A text without a location waits in a conversation draft for the answer.
  const draft = await sendText(testApp, {
    from: text.hotlineDraftPhone,
    to: world.hotline,
    body: `ICE agents are knocking on doors ${text.hotlineDraftText}`,
  });
  expectOk(draft, 'draft text');
  const tip = await sendText(testApp, {
    from: `+1773${String(randomInt(2_000_000, 9_999_999))}`,
    to: world.hotline,
    body: `Quiero denunciar a mi vecino, es ilegal y vive en 2100 S Kedzie Ave ${text.flaggedTipText}`,
  });
  expectOk(tip, 'weaponized tip');
  const flagged = await testApp.database.db
    .selectFrom('flagged_reports')
    .select('id')
    .where('network_id', '=', world.networkId)
    .execute();
  expect(flagged, 'the tip was flagged').toHaveLength(1);
}

/** Subscriptions: an SMS keyword, an email double opt-in request and a Web Push subscription. */
async function plantSubscriptions(
  testApp: TestApp,
  markers: Markers,
  world: { slug: string; hotline: string },
) {
  const { text } = markers;
  const sms = await sendText(testApp, {
    from: text.smsSubscriberPhone,
    to: world.hotline,
    body: 'ALTA 60608',
  });
  expectOk(sms, 'sms subscription');
  const email = await testApp.app.inject({
    method: 'POST',
    url: `/a/${world.slug}/subscribe/email`,
    payload: { email: text.emailSubscriber, zips: ['60608'], language: 'es' },
  });
  expectOk(email, 'email subscription');
  const push = await testApp.app.inject({
    method: 'POST',
    url: `/api/public/${world.slug}/push-subscriptions`,
    payload: {
      subscription: { endpoint: text.pushSubscriptionEndpoint, keys: pushKeys() },
      zips: ['60608'],
      language: 'es',
    },
  });
  expectOk(push, 'push subscription');
}

/** Responders and dispatch: contact number, push subscription, evidence and the outcome report. */
async function plantDispatch(
  testApp: TestApp,
  markers: Markers,
  world: { networkId: string; dispatcher: Person },
): Promise<number> {
  const { text } = markers;
  const observer = await responder(testApp.context, world.networkId, { location: pilsen });
  expectOk(await registerPhone(testApp, observer, text.responderSmsPhone), 'responder contact');
  expectOk(
    await call(testApp, 'PUT', '/api/responders/me/push', observer, {
      subscription: { endpoint: text.responderPushEndpoint, keys: pushKeys() },
    }),
    'responder push',
  );
  const opened = await call(testApp, 'POST', '/api/reports', world.dispatcher, {
    channel: 'operator',
    category: 'home',
    location: pilsen,
  });
  expectOk(opened, 'incident for the dispatch');
  const incidentId = opened.json<{ incidentId: string }>().incidentId;
  const sent = await call(testApp, 'POST', `/api/incidents/${incidentId}/offers`, world.dispatcher, {
    responderIds: [observer.id],
  });
  expectOk(sent, 'offer');
  const offerId = sent.json<{ offers: { id: string }[] }>().offers[0]?.id ?? '';
  expectOk(await call(testApp, 'POST', `/api/offers/${offerId}/accept`, observer), 'accept');
  for (const status of ['enRoute', 'onScene']) {
    expectOk(await call(testApp, 'POST', `/api/offers/${offerId}/status`, observer, { status }), status);
  }
  const photo = await sharp({ create: { width: 96, height: 64, channels: 3, background: '#808080' } })
    .jpeg()
    .withExif({ IFD0: { ImageDescription: text.evidenceExifText, Make: text.evidenceExifText } })
    .toBuffer();
  expect(photo.includes(Buffer.from(text.evidenceExifText)), 'the photo carries the marker').toBe(true);
  expectOk(await uploadEvidence(testApp, observer, offerId, photo), 'evidence upload');
  expectOk(
    await call(testApp, 'POST', `/api/offers/${offerId}/outcome`, observer, {
      outcome: 'confirmed',
      notes: text.outcomeNotes,
      livestreamUrl: text.livestreamUrl,
    }),
    'outcome',
  );
  return photo.length;
}

/**
 * Plants every marker through the HTTP interfaces a person would use (join link, sign-in
 * enrollment, public form, hotline webhook, dispatcher and responder APIs, subscription pages).
 */
export async function plantEverySensitiveField(
  testApp: TestApp,
  markers: Markers,
  hotline: string,
): Promise<PlantedWorld> {
  const { context } = testApp;
  const network = await buildNetwork(context, {
    name: markers.plainControl,
    languages: ['en', 'es'],
    settings: { hotlineNumbers: [hotline] },
  });
  await buildArea(context, network.id, { center: pilsen, radiusMeters: 20_000 });
  const dispatcher = await person(context, network.id, [{ role: 'dispatcher' }]);
  await plantMembersAndAuth(testApp, markers, network.id);
  await plantIntake(testApp, markers, { networkId: network.id, slug: network.slug, hotline, dispatcher });
  await plantSubscriptions(testApp, markers, { slug: network.slug, hotline });
  const evidenceBytes = await plantDispatch(testApp, markers, { networkId: network.id, dispatcher });
  return { networkId: network.id, hotline, evidenceBytes };
}
