import type { LightMyRequestResponse } from 'fastify';
import { hashPassword } from '../../server/modules/identity/auth/index.ts';
import type { TestApp } from '../support/app.ts';
import { buildMember, buildNetwork, signIn } from '../support/factories.ts';
import type { BuiltMember, MemberOptions } from '../support/factories.ts';

let addressCounter = 0;

/**
 * A client address in a /24 no other test uses, so the per-prefix sign-in limit of one test never
 * trips another's. (They all share one app and its in-memory limiters.)
 */
export function freshAddress(): string {
  addressCounter += 1;
  return `10.${Math.floor(addressCounter / 256) % 256}.${addressCounter % 256}.7`;
}

/** A member with a real argon2id password hash (hashPassword), built with the shared factories. */
export async function buildMemberWithPassword(
  testApp: TestApp,
  options: Partial<MemberOptions> & { networkId?: string } = {},
): Promise<BuiltMember> {
  const networkId = options.networkId ?? (await buildNetwork(testApp.context)).id;
  const member = await buildMember(testApp.context, { ...options, networkId });
  const row = await testApp.context.database.db
    .selectFrom('members')
    .select('password_hash')
    .where('id', '=', member.id)
    .executeTakeFirstOrThrow();
  if (member.password !== null && row.password_hash === null) {
    await testApp.context.database.db
      .updateTable('members')
      .set({ password_hash: await hashPassword(member.password) })
      .where('id', '=', member.id)
      .execute();
  }
  return member;
}

export interface Client {
  address: string;
  cookie: string | null;
  csrfToken: string | null;
}

export function newClient(): Client {
  return { address: freshAddress(), cookie: null, csrfToken: null };
}

/** `__Host-amparo_session=<token>` from a response's Set-Cookie, or null. */
export function sessionCookieOf(response: LightMyRequestResponse): string | null {
  const header = response.headers['set-cookie'];
  const cookies = Array.isArray(header) ? header : header ? [header] : [];
  const session = cookies.find((cookie) => cookie.startsWith('__Host-amparo_session='));
  const pair = session?.split(';')[0];
  return pair && pair !== '__Host-amparo_session=' ? pair : null;
}

/** Sends a request as `client`, with its cookie and CSRF header; keeps any new session cookie. */
export async function send(
  testApp: TestApp,
  client: Client,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: object,
  extraHeaders: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { ...extraHeaders };
  if (client.cookie) headers.cookie = client.cookie;
  if (client.csrfToken && method !== 'GET') headers['x-csrf-token'] = client.csrfToken;
  const response = await testApp.app.inject({
    method,
    url,
    headers,
    remoteAddress: client.address,
    ...(payload ? { payload } : {}),
  });
  const cookie = sessionCookieOf(response);
  if (cookie) {
    client.cookie = cookie;
    client.csrfToken = response.json<{ csrfToken?: string }>().csrfToken ?? null;
  }
  return response;
}

export function signInWithPassword(testApp: TestApp, client: Client, email: string, password: string) {
  return send(testApp, client, 'POST', '/api/auth/sign-in', { email, password });
}

/** A client already signed in through a real session row (factories' signIn). */
export async function signedInClient(
  testApp: TestApp,
  member: BuiltMember,
  options: { secondFactorProved?: boolean } = {},
): Promise<Client> {
  const session = await signIn(testApp.context, member, options);
  return { address: freshAddress(), cookie: session.cookie, csrfToken: session.csrfToken };
}

export function errorCodeOf(response: LightMyRequestResponse): string | undefined {
  return response.json<{ error?: { code: string } }>().error?.code;
}
