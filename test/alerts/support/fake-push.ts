import { execFileSync } from 'node:child_process';
import { createECDH, createPublicKey, hkdfSync, createDecipheriv, randomBytes, verify } from 'node:crypto';
import dns from 'node:dns';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

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
  failNext(count: number, status: number): void;
  close(): Promise<void>;
}

const hostName = 'push.amparo-test.example';

/**
 * A stand-in for a browser push service (FCM, Mozilla autopush) on 127.0.0.1: HTTPS with a
 * throw-away certificate, it checks the VAPID Authorization header and decrypts the payload with
 * the browser keys of the subscriptions it handed out.
 */
export async function startFakePushService(): Promise<FakePushService> {
  const { key, cert } = selfSignedCertificate(hostName);
  const browsers = new Map<string, BrowserSubscription>();
  const received: ReceivedPush[] = [];
  let failures = { remaining: 0, status: 500 };
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
          browser && request.headers['content-encoding'] === 'aes128gcm' ? decrypt(body, browser) : null,
      });
      if (failures.remaining > 0) {
        failures.remaining -= 1;
        response.writeHead(failures.status).end();
        return;
      }
      response.writeHead(browser && vapid.isValid ? 201 : 400).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  origin = `https://${hostName}:${port}`;
  const agent = new https.Agent({
    ca: cert,
    lookup: (hostname, options, callback) => {
      if (hostname !== hostName) return dns.lookup(hostname, options, callback);
      if (options.all) return callback(null, [{ address: '127.0.0.1', family: 4 }]);
      callback(null, '127.0.0.1', 4);
    },
  });
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
    failNext: (count, status) => {
      failures = { remaining: count, status };
    },
    close: () =>
      new Promise((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function selfSignedCertificate(name: string): { key: string; cert: string } {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-push-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        path.join(directory, 'key.pem'),
        '-out',
        path.join(directory, 'cert.pem'),
        '-days',
        '1',
        '-subj',
        `/CN=${name}`,
        '-addext',
        `subjectAltName=DNS:${name}`,
      ],
      { stdio: 'ignore' },
    );
    return {
      key: fs.readFileSync(path.join(directory, 'key.pem'), 'utf8'),
      cert: fs.readFileSync(path.join(directory, 'cert.pem'), 'utf8'),
    };
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

/** RFC 8292: `vapid t=<JWT>, k=<public key>`; the JWT is ES256-signed by that key. */
function checkVapid(authorization: string, origin: string): { isValid: boolean; publicKey: string | null } {
  const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(authorization);
  if (!match) return { isValid: false, publicKey: null };
  const [, token = '', publicKey = ''] = match;
  const [header = '', claims = '', signature = ''] = token.split('.');
  try {
    const point = Buffer.from(publicKey, 'base64url');
    const key = createPublicKey({
      key: {
        kty: 'EC',
        crv: 'P-256',
        x: point.subarray(1, 33).toString('base64url'),
        y: point.subarray(33, 65).toString('base64url'),
      },
      format: 'jwk',
    });
    const isSigned = verify(
      'sha256',
      Buffer.from(`${header}.${claims}`),
      { key, dsaEncoding: 'ieee-p1363' },
      Buffer.from(signature, 'base64url'),
    );
    const body = JSON.parse(Buffer.from(claims, 'base64url').toString()) as {
      aud?: string;
      exp?: number;
      sub?: string;
    };
    const isValid =
      isSigned && body.aud === origin && (body.exp ?? 0) * 1000 > Date.now() && typeof body.sub === 'string';
    return { isValid, publicKey };
  } catch {
    return { isValid: false, publicKey };
  }
}

/** RFC 8291 / RFC 8188 aes128gcm, one record, decrypted with the browser's keys. */
function decrypt(body: Buffer, browser: BrowserSubscription): string | null {
  try {
    const salt = body.subarray(0, 16);
    const idLength = body[20] ?? 0;
    const serverPublicKey = body.subarray(21, 21 + idLength);
    const ciphertext = body.subarray(21 + idLength);
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(browser.privateKey);
    const shared = ecdh.computeSecret(serverPublicKey);
    const browserPublicKey = Buffer.from(browser.keys.p256dh, 'base64url');
    const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), browserPublicKey, serverPublicKey]);
    const ikm = Buffer.from(hkdfSync('sha256', shared, browser.authSecret, keyInfo, 32));
    const contentKey = Buffer.from(
      hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16),
    );
    const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
    const decipher = createDecipheriv('aes-128-gcm', contentKey, nonce);
    decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
    const padded = Buffer.concat([
      decipher.update(ciphertext.subarray(0, ciphertext.length - 16)),
      decipher.final(),
    ]);
    let end = padded.length - 1;
    while (end >= 0 && padded[end] === 0) end -= 1;
    return padded[end] === 2 ? padded.subarray(0, end).toString('utf8') : null;
  } catch {
    return null;
  }
}
