import net from 'node:net';
import type { AddressRange } from '../config/address-lists.ts';
import { isAddressInRanges } from '../config/address-lists.ts';
import { isAllowedPushHost } from './push-hosts.ts';

/** What a browser's `PushSubscription.toJSON()` holds that a server needs to send to it. */
export interface WebPushSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

export interface PushSubscriptionProblem {
  path: string;
  message: string;
}

export type ParsedPushSubscription =
  | { isValid: true; subscription: WebPushSubscription }
  | { isValid: false; problems: PushSubscriptionProblem[] };

const maximumEndpointLength = 2048;
/** An uncompressed P-256 point (0x04 ‖ X ‖ Y) and the 16-byte auth secret (RFC 8291). */
const p256dhBytes = 65;
const authBytes = 16;
const base64UrlPattern = /^[A-Za-z0-9_-]+={0,2}$/;

/**
 * Checks a PushSubscription strictly: only `endpoint`, `keys` and `expirationTime`; an https
 * endpoint on a public DNS name of a known push service (`allowedHosts`; the server will POST to
 * it, so no IP literals or local names); keys in base64url that decode to exactly the lengths
 * RFC 8291 requires. An IP literal the operator listed in AMPARO_ALLOWED_PRIVATE_ADDRESSES (a
 * self-hosted relay) is accepted too.
 */
export function parsePushSubscription(
  value: unknown,
  allowedHosts: readonly string[],
  allowedPrivate: readonly AddressRange[] = [],
): ParsedPushSubscription {
  const problems: PushSubscriptionProblem[] = [];
  if (!isPlainObject(value)) return invalid('', 'must be a PushSubscription object');
  for (const key of Object.keys(value)) {
    if (!['endpoint', 'keys', 'expirationTime'].includes(key))
      problems.push({ path: key, message: 'unknown field' });
  }
  const endpoint = value.endpoint;
  if (typeof endpoint !== 'string' || endpoint.length === 0 || endpoint.length > maximumEndpointLength) {
    problems.push({
      path: 'endpoint',
      message: `must be a URL of at most ${maximumEndpointLength} characters`,
    });
  } else {
    const problem = endpointProblem(endpoint, allowedHosts, allowedPrivate);
    if (problem) problems.push({ path: 'endpoint', message: problem });
  }
  const expirationTime = value.expirationTime;
  if (expirationTime !== undefined && expirationTime !== null && !Number.isFinite(expirationTime)) {
    problems.push({ path: 'expirationTime', message: 'must be null or a number' });
  }
  const keys = value.keys;
  let p256dh = '';
  let auth = '';
  if (!isPlainObject(keys)) {
    problems.push({ path: 'keys', message: 'must hold p256dh and auth' });
  } else {
    for (const key of Object.keys(keys)) {
      if (!['p256dh', 'auth'].includes(key)) problems.push({ path: `keys.${key}`, message: 'unknown field' });
    }
    p256dh = decodedKey(keys.p256dh, p256dhBytes, 'keys.p256dh', problems);
    auth = decodedKey(keys.auth, authBytes, 'keys.auth', problems);
    if (p256dh && Buffer.from(p256dh, 'base64url')[0] !== 0x04) {
      problems.push({ path: 'keys.p256dh', message: 'must be an uncompressed P-256 public key' });
    }
  }
  if (problems.length > 0) return { isValid: false, problems };
  return { isValid: true, subscription: { endpoint: endpoint as string, keys: { p256dh, auth } } };
}

function invalid(path: string, message: string): ParsedPushSubscription {
  return { isValid: false, problems: [{ path, message }] };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The key without padding, or '' after recording a problem. */
function decodedKey(
  value: unknown,
  bytes: number,
  path: string,
  problems: PushSubscriptionProblem[],
): string {
  if (typeof value !== 'string' || !base64UrlPattern.test(value) || value.length > 128) {
    problems.push({ path, message: 'must be base64url' });
    return '';
  }
  const unpadded = value.replace(/=+$/, '');
  if (Buffer.from(unpadded, 'base64url').length !== bytes || unpadded.length !== Math.ceil((bytes * 4) / 3)) {
    problems.push({ path, message: `must decode to ${bytes} bytes` });
    return '';
  }
  return unpadded;
}

function endpointProblem(
  endpoint: string,
  allowedHosts: readonly string[],
  allowedPrivate: readonly AddressRange[],
): string | null {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return 'must be a URL';
  }
  if (url.protocol !== 'https:') return 'must be an https URL';
  if (url.username || url.password) return 'must not carry credentials';
  // An operator-listed private address (a self-hosted relay) is the one exception to both rules.
  if (isAllowedLiteral(url.hostname, allowedPrivate)) return null;
  if (!isPublicHostName(url.hostname)) return 'must be on a public host name';
  // Any other public host could be a tarpit holding a delivery open (issue 27).
  if (!isAllowedPushHost(url.hostname, allowedHosts)) return 'must be on a known push service';
  return null;
}

/**
 * Push services (FCM, Mozilla autopush, Apple, Windows) are public DNS names. An IP literal, a
 * single-label name or a local suffix could point the server's POST at the internal network.
 */
export function isPublicHostName(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host.startsWith('[') || net.isIP(host) !== 0) return false;
  if (!host.includes('.') || !/^[a-z0-9.-]+$/.test(host)) return false;
  return !/(^|\.)(localhost|local|internal|localdomain|home\.arpa|lan)$/.test(host);
}

/** An IP literal (IPv6 in brackets, as URL gives it) inside the operator's allowed private ranges. */
function isAllowedLiteral(hostname: string, allowedPrivate: readonly AddressRange[]): boolean {
  const literal = hostname.replace(/^\[(.*)\]$/, '$1');
  return net.isIP(literal) !== 0 && isAddressInRanges(literal, allowedPrivate);
}
