import { createECDH, randomBytes } from 'node:crypto';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { checkVapid, decryptPushPayload, localAgent, selfSignedCertificate } from './push-protocol.ts';

/** A push request as the local push service received it, with what its checks found. */
export interface ReceivedPush {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** The VAPID JWT verified with the `k=` key, its audience matched this origin and it had not expired. */
  isVapidValid: boolean;
  vapidPublicKey: string | null;
  /** The decrypted payload (RFC 8291 aes128gcm), or null when it could not be decrypted. */
  payload: string | null;
}

/** A browser's side of a push subscription: the keys a real browser keeps to itself. */
export interface BrowserSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  privateKey: Buffer;
  authSecret: Buffer;
}

export interface FakePushService {
  /** Origin of the service, on a name that resolves to 127.0.0.1 only through `agent`. */
  origin: string;
  /** An HTTPS agent that trusts the service's certificate and resolves its name locally. */
  agent: https.Agent;
  received: ReceivedPush[];
  /** A browser subscription whose endpoint is on this service. */
  subscribe(): BrowserSubscription;
  /** Answer the next `count` pushes with this status (410 = subscription gone). */
  failNext(count: number, status: number, retryAfterSeconds?: number): void;
  close(): Promise<void>;
}

const hostName = 'push.amparo-test.example';

/** AMPARO_PUSH_HOSTS for an app whose subscribers use this service (ADR 0022: known hosts only). */
export const fakePushServiceHosts = hostName;

/**
 * A stand-in for a browser push service (FCM, Mozilla autopush) on 127.0.0.1: HTTPS with a
 * throw-away certificate, it checks the VAPID Authorization header and decrypts the payload with
 * the browser keys of the subscriptions it handed out.
 */
export async function startFakePushService(): Promise<FakePushService> {
  const { key, cert } = selfSignedCertificate(hostName);
  const browsers = new Map<string, BrowserSubscription>();
  const received: ReceivedPush[] = [];
  let failures: { remaining: number; status: number; retryAfterSeconds?: number } = {
    remaining: 0,
    status: 500,
  };
  let origin = '';
  const server = https.createServer({ key, cert }, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const browser = browsers.get(request.url ?? '');
      const authorization = String(request.headers.authorization ?? '');
      const vapid = checkVapid(authorization, origin);
      received.push({
        path: request.url ?? '',
        headers: request.headers,
        isVapidValid: vapid.isValid,
        vapidPublicKey: vapid.publicKey,
        payload:
          browser && request.headers['content-encoding'] === 'aes128gcm'
            ? decryptPushPayload(body, { ...browser, p256dh: browser.keys.p256dh })
            : null,
      });
      if (failures.remaining > 0) {
        failures.remaining -= 1;
        const headers: Record<string, string> =
          failures.retryAfterSeconds === undefined
            ? {}
            : { 'retry-after': String(failures.retryAfterSeconds) };
        response.writeHead(failures.status, headers).end();
        return;
      }
      response.writeHead(browser && vapid.isValid ? 201 : 400).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  origin = `https://${hostName}:${port}`;
  const agent = localAgent(hostName, cert);
  return {
    origin,
    agent,
    received,
    subscribe: () => {
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const authSecret = randomBytes(16);
      const endpointPath = `/push/${randomBytes(12).toString('hex')}`;
      const subscription: BrowserSubscription = {
        endpoint: `${origin}${endpointPath}`,
        keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: authSecret.toString('base64url') },
        privateKey: ecdh.getPrivateKey(),
        authSecret,
      };
      browsers.set(endpointPath, subscription);
      return subscription;
    },
    failNext: (count, status, retryAfterSeconds) => {
      failures = { remaining: count, status, retryAfterSeconds };
    },
    close: () =>
      new Promise((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
