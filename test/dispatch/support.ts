import type { LightMyRequestResponse } from 'fastify';
import { coarsenLocation, locationLifetimeMs } from '../../server/modules/field/responders/index.ts';
import type { OnCallWindow } from '../../server/modules/field/responders/index.ts';
import type { AreasTable, NetworksTable } from '../../server/modules/identity/networks/index.ts';
import type { Role } from '../../server/modules/identity/members/index.ts';
import type { DomainEvent } from '../../server/platform/realtime/events.ts';
import type { TestApp } from '../support/app.ts';
import { buildArea, buildMember, buildNetwork, signIn } from '../support/factories.ts';
import type { BuiltMember, FactoryContext, SignedIn } from '../support/factories.ts';

export const pilsen = { lat: 41.8564, lon: -87.6604 };

/** A point `north` and `east` meters away (flat-earth offsets; fine at city scale). */
export function offset(point: { lat: number; lon: number }, north: number, east = 0) {
  return {
    lat: point.lat + north / 111_320,
    lon: point.lon + east / (111_320 * Math.cos((point.lat * Math.PI) / 180)),
  };
}

export interface Person extends BuiltMember {
  session: SignedIn;
}

export async function person(
  context: FactoryContext,
  networkId: string,
  roles: { role: Role; areaId?: string | null }[],
  options: {
    languages?: string[];
    status?: 'active' | 'probationary';
    withTotp?: boolean;
    stepUp?: boolean;
  } = {},
): Promise<Person> {
  const member = await buildMember(context, {
    networkId,
    roles,
    languages: options.languages,
    status: options.status,
    withTotp: options.withTotp,
  });
  return {
    ...member,
    session: await signIn(context, member, { secondFactorProved: options.stepUp ?? false }),
  };
}

export interface ResponderOptions {
  languages?: string[];
  /** Shared coarse location (stored as the app would store it); none when omitted. */
  location?: { lat: number; lon: number };
  isOnCall?: boolean;
  windows?: OnCallWindow[];
  areaId?: string | null;
  status?: 'active' | 'probationary';
}

/** A responder with a profile row written the way the availability and location APIs write it. */
export async function responder(context: FactoryContext, networkId: string, options: ResponderOptions = {}) {
  const who = await person(context, networkId, [{ role: 'responder', areaId: options.areaId ?? null }], {
    languages: options.languages ?? ['en'],
    status: options.status,
  });
  const now = context.clock.now();
  const location = options.location ? coarsenLocation(options.location) : null;
  await context.database.db
    .insertInto('responder_profiles')
    .values({
      member_id: who.id,
      network_id: networkId,
      is_on_call: options.isOnCall === false ? 0 : 1,
      on_call_windows: JSON.stringify(options.windows ?? []),
      has_windows: (options.windows ?? []).length > 0 ? 1 : 0,
      sms_phone_enc: null,
      sms_phone_index: null,
      push_subscription_enc: null,
      location_lat: location?.lat ?? null,
      location_lon: location?.lon ?? null,
      location_updated_at: location ? now : null,
      location_expires_at: location ? now + locationLifetimeMs : null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return who;
}

export interface DispatchWorld {
  network: NetworksTable;
  area: AreasTable;
  dispatcher: Person;
  coordinator: Person;
}

/** A network with a 20 km area around Pilsen, a dispatcher and a coordinator (second factor on). */
export async function dispatchWorld(
  testApp: TestApp,
  languages = ['en', 'es', 'ar'],
): Promise<DispatchWorld> {
  const context = testApp.context;
  const network = await buildNetwork(context, { languages });
  const area = await buildArea(context, network.id, { center: pilsen, radiusMeters: 20_000 });
  const dispatcher = await person(context, network.id, [{ role: 'dispatcher' }]);
  const coordinator = await person(context, network.id, [{ role: 'coordinator' }], {
    withTotp: true,
    stepUp: true,
  });
  return { network, area, dispatcher, coordinator };
}

/** The dispatcher offers the incident to one responder; with `accept`, the responder accepts it. */
export async function sendOffer(
  testApp: TestApp,
  world: Pick<DispatchWorld, 'dispatcher'>,
  incidentId: string,
  to: Person,
  options: { accept?: boolean } = {},
): Promise<string> {
  const sent = await call(testApp, 'POST', `/api/incidents/${incidentId}/offers`, world.dispatcher, {
    responderIds: [to.id],
  });
  const offerId = sent.json<{ offers: { id: string }[] }>().offers[0]!.id;
  if (options.accept) await call(testApp, 'POST', `/api/offers/${offerId}/accept`, to);
  return offerId;
}

/** Calls the API as `who` (null: signed out). */
export function call(
  testApp: TestApp,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  who: Person | null,
  payload?: Record<string, unknown>,
): Promise<LightMyRequestResponse> {
  return testApp.app.inject({
    method,
    url,
    headers: who?.session.headers ?? {},
    ...(payload ? { payload } : {}),
  });
}

export const outcome = (response: LightMyRequestResponse): [number, string | null] => {
  const body = response.headers['content-type']?.toString().includes('json')
    ? response.json<{ error?: { code: string } }>()
    : {};
  return [response.statusCode, body.error?.code ?? null];
};

/** An incident opened the way a dispatcher opens one: an operator report through the API. */
export async function openIncident(
  testApp: TestApp,
  dispatcher: Person,
  location: { lat: number; lon: number } = pilsen,
  category = 'workplace',
): Promise<string> {
  const response = await call(testApp, 'POST', '/api/reports', dispatcher, {
    channel: 'operator',
    category,
    location,
    description: 'Agents at the entrance of a warehouse',
  });
  if (response.statusCode !== 201) throw new Error(`opening an incident failed: ${response.body}`);
  return response.json<{ incidentId: string }>().incidentId;
}

/** Records every committed event while the test runs. */
export function recordEvents(testApp: TestApp): { events: DomainEvent[]; stop(): void } {
  const events: DomainEvent[] = [];
  const stop = testApp.context.events.subscribe((event) => events.push(event));
  return { events, stop: () => void stop() };
}

/** A multipart/form-data body with one file part named `file`. */
export function multipartFile(
  bytes: Buffer,
  options: { fileName?: string; contentType?: string } = {},
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----amparo${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${options.fileName ?? 'photo.jpg'}"\r\n` +
      `Content-Type: ${options.contentType ?? 'image/jpeg'}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, bytes, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** Uploads `bytes` as evidence for an offer, as its responder. */
export function uploadEvidence(
  testApp: TestApp,
  who: Person,
  offerId: string,
  bytes: Buffer,
  options: { fileName?: string; contentType?: string } = {},
): Promise<LightMyRequestResponse> {
  const { payload, headers } = multipartFile(bytes, options);
  return testApp.app.inject({
    method: 'POST',
    url: `/api/offers/${offerId}/evidence`,
    headers: { ...who.session.headers, ...headers },
    payload,
  });
}

/** Asks for an incident's evidence export as `requester`; returns the new export's id. */
export async function requestExport(
  testApp: TestApp,
  requester: Person,
  incidentId: string,
): Promise<string> {
  const response = await call(testApp, 'POST', `/api/incidents/${incidentId}/evidence-exports`, requester);
  if (response.statusCode !== 201) throw new Error(`requesting an export failed: ${response.body}`);
  return response.json<{ export: { id: string } }>().export.id;
}

/** The two-person export end to end: `requester` asks, `approver` approves, `requester` downloads. */
export async function exportEvidence(
  testApp: TestApp,
  incidentId: string,
  requester: Person,
  approver: Person,
): Promise<LightMyRequestResponse> {
  const exportId = await requestExport(testApp, requester, incidentId);
  const approved = await call(testApp, 'POST', `/api/evidence-exports/${exportId}/approve`, approver);
  if (approved.statusCode !== 200) throw new Error(`approving an export failed: ${approved.body}`);
  return call(testApp, 'POST', `/api/evidence-exports/${exportId}/download`, requester);
}

/**
 * Registers `phone` for offers as `who` would: saves it, reads the code the server would text
 * (decrypted from the database, as the phone would show it), and types it back.
 */
export async function registerPhone(
  testApp: TestApp,
  who: Person,
  phone: string,
): Promise<LightMyRequestResponse> {
  const saved = await call(testApp, 'PUT', '/api/responders/me/contact', who, { smsPhone: phone });
  if (saved.statusCode !== 200) return saved;
  const row = await testApp.context.database.db
    .selectFrom('responder_profiles')
    .select(['pending_sms_code_enc'])
    .where('member_id', '=', who.id)
    .executeTakeFirstOrThrow();
  const code = testApp.context.crypto.decrypt(
    row.pending_sms_code_enc!,
    'responder_profiles.pending_sms_code',
  );
  return call(testApp, 'POST', '/api/responders/me/contact/verify', who, { code });
}
