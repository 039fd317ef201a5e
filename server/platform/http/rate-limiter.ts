import { isIPv4, isIPv6 } from 'node:net';
import type { Clock } from '../clock/clock.ts';

/**
 * In-memory token-bucket rate limiter. Each key has a bucket of `limit` tokens that refills
 * continuously at `limit` per `windowMs`; a request takes `cost` tokens or is refused with the time
 * until enough have refilled. Memory is bounded by `maxKeys`: buckets idle for a whole window are
 * full again (the same as absent) and are dropped first; past that, the least recently used key is
 * evicted, which forgets that key's debt, so size `maxKeys` above the number of keys one attacker
 * can make in a window.
 *
 * Limits in one process's memory are for what protects that process (its CPU for Argon2, its
 * share of intake work): each process has its own. Limits on outsiders (per address prefix, per
 * account, per network) are counted in the database so they hold across processes
 * (server/platform/limits, ADR 0027).
 */
export interface RateLimiter {
  /** Takes `cost` (default 1) tokens from `key`'s bucket if it has them. */
  consume(key: string, cost?: number): RateLimitDecision;
  /** Forgets `key` (e.g. after a successful sign-in, if a caller wants that). */
  reset(key: string): void;
  /** How many keys are held now (for tests and metrics). */
  readonly size: number;
}

export interface RateLimitDecision {
  isAllowed: boolean;
  /** 0 when allowed; otherwise how long until the same request would be allowed. */
  retryAfterMs: number;
}

export interface RateLimiterOptions {
  /** Bucket size: how many requests may come at once. */
  limit: number;
  /** Time for an empty bucket to refill completely. */
  windowMs: number;
  /** Most keys held at once (default 10 000). */
  maxKeys?: number;
  clock: Clock;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { limit, windowMs, clock } = options;
  const maxKeys = options.maxKeys ?? 10_000;
  if (!(limit > 0) || !(windowMs > 0) || !(maxKeys > 0))
    throw new Error('rate limiter needs positive limits');
  const refillPerMs = limit / windowMs;
  // A Map iterates in insertion order; re-inserting on every use keeps it least-recently-used first.
  const buckets = new Map<string, Bucket>();

  function refilled(bucket: Bucket, now: number): number {
    return Math.min(limit, bucket.tokens + Math.max(0, now - bucket.updatedAt) * refillPerMs);
  }

  // Buckets are ordered by last use, so the idle ones (certainly full again) are at the front.
  function makeRoom(now: number): void {
    for (const [key, bucket] of buckets) {
      if (now - bucket.updatedAt < windowMs) break;
      buckets.delete(key);
    }
    while (buckets.size >= maxKeys) {
      const oldest = buckets.keys().next();
      if (oldest.done) break;
      buckets.delete(oldest.value);
    }
  }

  return {
    consume(key, cost = 1) {
      const now = clock.now();
      const existing = buckets.get(key);
      if (!existing && buckets.size >= maxKeys) makeRoom(now);
      const tokens = existing ? refilled(existing, now) : limit;
      buckets.delete(key);
      if (cost > limit) {
        buckets.set(key, { tokens, updatedAt: now });
        return { isAllowed: false, retryAfterMs: windowMs };
      }
      if (tokens >= cost) {
        buckets.set(key, { tokens: tokens - cost, updatedAt: now });
        return { isAllowed: true, retryAfterMs: 0 };
      }
      buckets.set(key, { tokens, updatedAt: now });
      return { isAllowed: false, retryAfterMs: Math.ceil((cost - tokens) / refillPerMs) };
    },
    reset(key) {
      buckets.delete(key);
    },
    get size() {
      return buckets.size;
    },
  };
}

/**
 * The rate-limit key for a client address: its /24 (IPv4) or /56 (IPv6) prefix, so one household
 * or one attacker's block of rotating addresses counts as one client. Computed per request and kept
 * only as a limiter key in memory; never store or log it.
 */
export function addressPrefixKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const candidate = mapped?.[1] ?? address;
  if (isIPv4(candidate)) return `v4:${candidate.split('.').slice(0, 3).join('.')}`;
  if (isIPv6(candidate)) {
    const groups = expandIpv6(candidate);
    if (groups) return `v6:${groups.slice(0, 3).join(':')}:${groups[3]!.slice(0, 2)}`;
  }
  return 'unknown';
}

/** Eight four-digit hex groups, or null when the text is not one IPv6 address we can read. */
function expandIpv6(address: string): string[] | null {
  const withoutZone = address.split('%')[0]!.toLowerCase();
  let text = withoutZone;
  // An embedded IPv4 tail (::ffff:1.2.3.4 forms other than the mapped one) becomes two groups.
  const ipv4Tail = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (ipv4Tail) {
    const [a, b, c, d] = ipv4Tail.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, ipv4Tail.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (missing < 0 || (halves.length === 1 && missing !== 0)) return null;
  const groups = [...head, ...Array<string>(missing).fill('0'), ...tail];
  return groups.map((group) => group.padStart(4, '0'));
}
