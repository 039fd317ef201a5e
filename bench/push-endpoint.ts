import { execFileSync } from 'node:child_process';
import { createDecipheriv, createECDH, createPublicKey, hkdfSync, verify } from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** The browser side of the bench's push subscriptions: one key pair shared by every endpoint. */
export interface BenchBrowser {
  p256dh: string;
  auth: string;
  privateKey: Buffer;
  authSecret: Buffer;
}

export interface PushEndpoint {
  /** `https://<name>:<port>`; the name resolves to 127.0.0.1 only through `agent`. */
  origin: string;
  /** Keep-alive, at most 32 sockets (as the production push agent), trusting the throw-away certificate. */
  agent: https.Agent;
  browser: BenchBrowser;
  /** Arrival time (ms, performance.now) of each accepted request, in order. */
  arrivals: number[];
  /** Distinct request paths (one per subscription): fewer than arrivals means a duplicate delivery. */
  distinctPaths: number;
  bodyBytes: number;
  /** Sampled requests (every `sampleEvery`-th) whose VAPID JWT verified and whose payload decrypted. */
  sample: { checked: number; valid: number; payloads: string[] };
  reset(): void;
  close(): Promise<void>;
}

const hostName = 'push.amparo-bench.example';

/**
 * A push service stand-in on 127.0.0.1 for load: HTTPS (web-push only speaks HTTPS), answers 201
 * at once and counts. Every `sampleEvery`-th request is checked like a push service and a browser
 * would (VAPID ES256 signature and audience, RFC 8291 decryption) so the bench cannot count
 * requests that a real service would refuse, without spending the run's CPU on checking them all.
 */
export async function startPushEndpoint(options: { sampleEvery: number }): Promise<PushEndpoint> {
  const { key, cert } = selfSignedCertificate();
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const authSecret = Buffer.from('amparo-bench-aut');
  const browser: BenchBrowser = {
    p256dh: ecdh.getPublicKey().toString('base64url'),
    auth: authSecret.toString('base64url'),
    privateKey: ecdh.getPrivateKey(),
    authSecret,
  };
  let origin = '';
  const state = { arrivals: [] as number[], paths: new Set<string>(), bodyBytes: 0, seen: 0 };
  const sample = { checked: 0, valid: 0, payloads: [] as string[] };
  const server = https.createServer({ key, cert, keepAliveTimeout: 30_000 }, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      state.arrivals.push(performance.now());
      state.paths.add(request.url ?? '');
      const body = Buffer.concat(chunks);
      state.bodyBytes += body.length;
      state.seen += 1;
      if (state.seen % options.sampleEvery === 0 && request.headers['content-encoding'] === 'aes128gcm') {
        sample.checked += 1;
        const payload = decrypt(body, browser);
        if (isVapidValid(String(request.headers.authorization ?? ''), origin) && payload !== null) {
          sample.valid += 1;
          if (sample.payloads.length < 3) sample.payloads.push(payload);
        }
      }
      response.writeHead(201).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `https://${hostName}:${(server.address() as AddressInfo).port}`;
  const agent = new https.Agent({
    keepAlive: true,
    maxSockets: 32,
    ca: cert,
    lookup: (_hostname, lookupOptions, callback) => {
      if (lookupOptions.all) return callback(null, [{ address: '127.0.0.1', family: 4 }]);
      callback(null, '127.0.0.1', 4);
    },
  });
  return {
    origin,
    agent,
    browser,
    get arrivals() {
      return state.arrivals;
    },
    get distinctPaths() {
      return state.paths.size;
    },
    get bodyBytes() {
      return state.bodyBytes;
    },
    sample,
    reset: () => {
      state.arrivals = [];
      state.paths = new Set();
      state.bodyBytes = 0;
      state.seen = 0;
      Object.assign(sample, { checked: 0, valid: 0, payloads: [] });
    },
    close: () =>
      new Promise((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function selfSignedCertificate(): { key: string; cert: string } {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-bench-push-'));
  try {
    execFileSync(
      'openssl',
      [
        ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'],
        ...['-keyout', path.join(directory, 'key.pem'), '-out', path.join(directory, 'cert.pem')],
        ...['-days', '1', '-subj', `/CN=${hostName}`, '-addext', `subjectAltName=DNS:${hostName}`],
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

/** RFC 8292: `vapid t=<JWT>, k=<key>`, ES256-signed by that key, for this origin, not expired. */
function isVapidValid(authorization: string, audience: string): boolean {
  const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(authorization);
  if (!match) return false;
  const [header = '', claims = '', signature = ''] = (match[1] ?? '').split('.');
  try {
    const point = Buffer.from(match[2] ?? '', 'base64url');
    const key = createPublicKey({
      key: {
        kty: 'EC',
        crv: 'P-256',
        x: point.subarray(1, 33).toString('base64url'),
        y: point.subarray(33, 65).toString('base64url'),
      },
      format: 'jwk',
    });
    const body = JSON.parse(Buffer.from(claims, 'base64url').toString()) as { aud?: string; exp?: number };
    return (
      verify(
        'sha256',
        Buffer.from(`${header}.${claims}`),
        { key, dsaEncoding: 'ieee-p1363' },
        Buffer.from(signature, 'base64url'),
      ) &&
      body.aud === audience &&
      (body.exp ?? 0) * 1000 > Date.now()
    );
  } catch {
    return false;
  }
}

/** RFC 8291 / RFC 8188 aes128gcm, one record, with the browser's private key and auth secret. */
function decrypt(body: Buffer, browser: BenchBrowser): string | null {
  try {
    const salt = body.subarray(0, 16);
    const idLength = body[20] ?? 0;
    const serverPublicKey = body.subarray(21, 21 + idLength);
    const ciphertext = body.subarray(21 + idLength);
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(browser.privateKey);
    const shared = ecdh.computeSecret(serverPublicKey);
    const info = Buffer.concat([
      Buffer.from('WebPush: info\0'),
      Buffer.from(browser.p256dh, 'base64url'),
      serverPublicKey,
    ]);
    const ikm = Buffer.from(hkdfSync('sha256', shared, browser.authSecret, info, 32));
    const key = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
    const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
    const decipher = createDecipheriv('aes-128-gcm', key, nonce);
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
