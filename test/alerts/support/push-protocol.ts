import { execFileSync } from 'node:child_process';
import { createDecipheriv, createECDH, createPublicKey, hkdfSync, verify } from 'node:crypto';
import dns from 'node:dns';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';

/**
 * What a push service and a browser check of a Web Push request, shared by the tests' fake push
 * service (test/alerts/support/fake-push.ts) and the bench's push endpoint (bench/push-endpoint.ts),
 * so both accept exactly the same requests.
 */

/** The keys a browser keeps to itself for one subscription. */
export interface BrowserPushKeys {
  /** The public key the browser handed out (base64url, uncompressed P-256 point). */
  p256dh: string;
  privateKey: Buffer;
  authSecret: Buffer;
}

/** A throw-away certificate for `name` (web-push only speaks HTTPS). */
export function selfSignedCertificate(name: string): { key: string; cert: string } {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-push-'));
  try {
    execFileSync(
      'openssl',
      [
        ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'],
        ...['-keyout', path.join(directory, 'key.pem'), '-out', path.join(directory, 'cert.pem')],
        ...['-days', '1', '-subj', `/CN=${name}`, '-addext', `subjectAltName=DNS:${name}`],
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

/** An HTTPS agent that resolves `name` to 127.0.0.1 and trusts `cert`; other names resolve as usual. */
export function localAgent(name: string, cert: string, options: https.AgentOptions = {}): https.Agent {
  return new https.Agent({
    ...options,
    ca: cert,
    lookup: (hostname, lookupOptions, callback) => {
      if (hostname !== name) return dns.lookup(hostname, lookupOptions, callback);
      if (lookupOptions.all) return callback(null, [{ address: '127.0.0.1', family: 4 }]);
      callback(null, '127.0.0.1', 4);
    },
  });
}

/**
 * RFC 8292: `vapid t=<JWT>, k=<public key>`; valid when the JWT is ES256-signed by that key, its
 * audience is `origin`, it has not expired and it names a subject.
 */
export function checkVapid(
  authorization: string,
  origin: string,
): { isValid: boolean; publicKey: string | null } {
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

/** RFC 8291 / RFC 8188 aes128gcm, one record, decrypted with the browser's keys; null when it fails. */
export function decryptPushPayload(body: Buffer, browser: BrowserPushKeys): string | null {
  try {
    const salt = body.subarray(0, 16);
    const idLength = body[20] ?? 0;
    const serverPublicKey = body.subarray(21, 21 + idLength);
    const ciphertext = body.subarray(21 + idLength);
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(browser.privateKey);
    const shared = ecdh.computeSecret(serverPublicKey);
    const browserPublicKey = Buffer.from(browser.p256dh, 'base64url');
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
