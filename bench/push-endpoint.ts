import { createECDH } from 'node:crypto';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import {
  checkVapid,
  decryptPushPayload,
  localAgent,
  selfSignedCertificate,
} from '../test/alerts/support/push-protocol.ts';
import type { BrowserPushKeys } from '../test/alerts/support/push-protocol.ts';

/** The browser side of the bench's push subscriptions: one key pair shared by every endpoint. */
export interface BenchBrowser extends BrowserPushKeys {
  auth: string;
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
  const { key, cert } = selfSignedCertificate(hostName);
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
        const payload = decryptPushPayload(body, browser);
        if (checkVapid(String(request.headers.authorization ?? ''), origin).isValid && payload !== null) {
          sample.valid += 1;
          if (sample.payloads.length < 3) sample.payloads.push(payload);
        }
      }
      response.writeHead(201).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `https://${hostName}:${(server.address() as AddressInfo).port}`;
  const agent = localAgent(hostName, cert, { keepAlive: true, maxSockets: 32 });
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
