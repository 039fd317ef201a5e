import type { LightMyRequestResponse } from 'fastify';
import type { Role } from '../../server/modules/identity/members/index.ts';
import type { NetworksTable } from '../../server/modules/identity/networks/index.ts';
import type { DomainEvent } from '../../server/platform/realtime/events.ts';
import type { TestApp } from '../support/app.ts';
import { buildMember, buildNetwork, signIn } from '../support/factories.ts';
import type { BuiltMember, SignedIn } from '../support/factories.ts';

/** Pilsen, Chicago, and points a known distance north of it. */
export const pilsen = { lat: 41.8564, lon: -87.6604 };
export const northOf = (point: { lat: number; lon: number }, meters: number) => ({
  lat: point.lat + meters / 111_195,
  lon: point.lon,
});
export const minuteMs = 60 * 1000;

export interface Staff extends BuiltMember {
  session: SignedIn;
}

export async function staff(
  testApp: TestApp,
  networkId: string,
  roles: { role: Role; areaId?: string | null }[],
  options: { status?: 'active' | 'probationary' } = {},
): Promise<Staff> {
  const member = await buildMember(testApp.context, {
    networkId,
    roles,
    status: options.status,
    withTotp: true,
  });
  return { ...member, session: await signIn(testApp.context, member) };
}

export async function network(testApp: TestApp, languages = ['en', 'es', 'ar']): Promise<NetworksTable> {
  return buildNetwork(testApp.context, { languages });
}

/** POST /api/public/:slug/reports as a same-origin browser would. */
export function postPublicReport(
  testApp: TestApp,
  slug: string,
  payload: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return testApp.app.inject({
    method: 'POST',
    url: `/api/public/${slug}/reports`,
    headers: { 'sec-fetch-site': 'same-origin', ...headers },
    payload,
  });
}

/** POST /api/reports as an operator. */
export function postOperatorReport(
  testApp: TestApp,
  who: Staff | null,
  payload: Record<string, unknown>,
): Promise<LightMyRequestResponse> {
  return testApp.app.inject({
    method: 'POST',
    url: '/api/reports',
    headers: who?.session.headers ?? {},
    payload: { channel: 'operator', ...payload },
  });
}

/** Calls the API as `who` (null: signed out). */
export function call(
  testApp: TestApp,
  method: 'GET' | 'POST',
  url: string,
  who: Staff | null,
  payload?: Record<string, unknown>,
): Promise<LightMyRequestResponse> {
  return testApp.app.inject({
    method,
    url,
    headers: who?.session.headers ?? {},
    ...(payload ? { payload } : {}),
  });
}

export const outcome = (response: LightMyRequestResponse): [number, string | null] => [
  response.statusCode,
  response.json<{ error?: { code: string } }>().error?.code ?? null,
];

/** Records every committed event while the test runs. */
export function recordEvents(testApp: TestApp): { events: DomainEvent[]; stop(): void } {
  const events: DomainEvent[] = [];
  const stop = testApp.context.events.subscribe((event) => events.push(event));
  return { events, stop: () => void stop() };
}
