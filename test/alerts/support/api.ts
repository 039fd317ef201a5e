import { createECDH, randomBytes, randomInt } from 'node:crypto';
import type { TestApp } from '../../support/app.ts';

export interface ErrorBody {
  error: { code: string; message: string; details?: { path?: string; message: string }[] };
}

type Who = { session: { headers: Record<string, string> } } | null;

/** `app.inject` with a member's session (cookie and CSRF header), or none. */
export function call(
  testApp: Pick<TestApp, 'app'>,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  who: Who,
  payload?: object,
) {
  return testApp.app.inject({
    method,
    url,
    headers: who?.session.headers ?? {},
    ...(payload ? { payload } : {}),
  });
}

/**
 * Approves as a coordinator does on the alert page: reads the alert (its frozen content and
 * hash) and approves naming that hash. A caller who may not read it names a well-formed hash of
 * nothing, so the answer is the approval's own refusal.
 */
export async function approve(testApp: Pick<TestApp, 'app'>, alertId: string, who: Who) {
  const shown = await call(testApp, 'GET', `/api/alerts/${alertId}`, who);
  const hash =
    shown.statusCode === 200 ? shown.json<{ content: { hash: string } | null }>().content?.hash : undefined;
  return call(testApp, 'POST', `/api/alerts/${alertId}/approve`, who, {
    contentHash: hash ?? '0'.repeat(64),
  });
}

/** [status, error code] of a response, for compact assertions. */
export function outcome(response: { statusCode: number; json<T>(): T }): [number, string | undefined] {
  return [response.statusCode, response.json<Partial<ErrorBody>>().error?.code];
}

/** A random Chicago-area number, unique enough for one test run. */
export function uniquePhone(): string {
  return `+1312${randomInt(2_000_000, 9_999_999)}`;
}

type StatusCounts = Record<
  | 'pending'
  | 'held'
  | 'sending'
  | 'sent'
  | 'failed'
  | 'suppressed'
  | 'uncertain'
  | 'total'
  | 'delivered'
  | 'undelivered',
  number
>;

/** The `deliveries` part of GET /api/alerts/:id. */
export interface DeliverySummary {
  total: number;
  byChannel: Record<'sms' | 'push' | 'email', StatusCounts>;
}

/** A push subscription as a browser makes one: a fresh P-256 key pair and auth secret. */
export function browserSubscription() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return {
    endpoint: `https://updates.push.services.mozilla.com/wpush/v2/${randomBytes(16).toString('hex')}`,
    expirationTime: null,
    keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') },
  };
}
