import type { Kysely } from 'kysely';
import type { Clock } from '../clock/clock.ts';
import type { FieldCrypto } from '../crypto/field-crypto.ts';
import type { Database } from '../database/schema.ts';
import type { RateLimitDecision } from '../http/rate-limiter.ts';
import { incrementSharedCounter } from './shared-counter.repository.ts';

/**
 * A limit counted in `shared_counters`, so every app process on one database takes from the same
 * budget (ADR 0027). Fixed windows starting at multiples of `windowMs`: one upsert per check, which
 * serializes concurrent takers on the row, so no take is lost and no more than `limit` pass.
 *
 * What is limited (an address prefix, a phone's blind index, an email) is keyed with the keyring's
 * blind-index key before it reaches the database: the row names the limit and an HMAC, never an
 * address in the clear, and the row is purged when its window ends.
 */
export interface SharedRateLimiter {
  consume(key: string): Promise<RateLimitDecision>;
}

export interface SharedRateLimiterOptions {
  db: Kysely<Database>;
  clock: Clock;
  crypto: FieldCrypto;
  /** Names the limit in the counter key, e.g. `auth.sign-in.prefix`. */
  name: string;
  limit: number;
  windowMs: number;
}

export function createSharedRateLimiter(options: SharedRateLimiterOptions): SharedRateLimiter {
  const { db, clock, crypto, name, limit, windowMs } = options;
  if (!(limit > 0) || !(windowMs > 0)) throw new Error('shared rate limiter needs positive limits');
  return {
    consume: (key) => takeSharedCount(db, clock, { key: sharedLimitKey(crypto, name, key), limit, windowMs }),
  };
}

/** The counter key of `value` under the limit `name`: the name and a keyed hash of the value. */
export function sharedLimitKey(crypto: FieldCrypto, name: string, value: string): string {
  return `${name}:${crypto.blindIndex(value, `shared-limits:${name}`).slice(0, 22)}`;
}

/** Takes one from `key`'s current window; refused (with the time to the next window) past `limit`. */
export async function takeSharedCount(
  db: Kysely<Database>,
  clock: Clock,
  input: { key: string; limit: number; windowMs: number },
): Promise<RateLimitDecision> {
  const now = clock.now();
  const windowStart = now - (now % input.windowMs);
  const count = await incrementSharedCounter(db, {
    key: input.key,
    windowStart,
    expiresAt: windowStart + input.windowMs,
    amount: 1,
  });
  if (count <= input.limit) return { isAllowed: true, retryAfterMs: 0 };
  return { isAllowed: false, retryAfterMs: Math.max(1, windowStart + input.windowMs - now) };
}
