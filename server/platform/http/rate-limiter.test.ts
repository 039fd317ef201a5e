import { describe, expect, it } from 'vitest';
import { createManualClock } from '../clock/clock.ts';
import { addressPrefixKey, createRateLimiter } from './rate-limiter.ts';

const minute = 60_000;

describe('createRateLimiter', () => {
  it('allows a burst of `limit`, then refuses with the time until one token is back', () => {
    const clock = createManualClock();
    const limiter = createRateLimiter({ limit: 3, windowMs: minute, clock });
    expect([1, 2, 3].map(() => limiter.consume('a').isAllowed)).toEqual([true, true, true]);
    const refused = limiter.consume('a');
    expect(refused).toEqual({ isAllowed: false, retryAfterMs: 20_000 });
    clock.advance(19_999);
    expect(limiter.consume('a').isAllowed).toBe(false);
    clock.advance(1);
    expect(limiter.consume('a')).toEqual({ isAllowed: true, retryAfterMs: 0 });
    expect(limiter.consume('a').isAllowed).toBe(false);
  });

  it('keeps keys apart and refills completely after a window', () => {
    const clock = createManualClock();
    const limiter = createRateLimiter({ limit: 2, windowMs: minute, clock });
    limiter.consume('a');
    limiter.consume('a');
    expect(limiter.consume('a').isAllowed).toBe(false);
    expect(limiter.consume('b').isAllowed).toBe(true);
    clock.advance(minute);
    expect(limiter.consume('a').isAllowed).toBe(true);
    expect(limiter.consume('a').isAllowed).toBe(true);
    expect(limiter.consume('a').isAllowed).toBe(false);
  });

  it('charges a cost and refuses a cost above the limit outright', () => {
    const clock = createManualClock();
    const limiter = createRateLimiter({ limit: 10, windowMs: 10_000, clock });
    expect(limiter.consume('a', 7).isAllowed).toBe(true);
    expect(limiter.consume('a', 4)).toEqual({ isAllowed: false, retryAfterMs: 1000 });
    expect(limiter.consume('a', 3).isAllowed).toBe(true);
    expect(limiter.consume('b', 11)).toEqual({ isAllowed: false, retryAfterMs: 10_000 });
  });

  it('a refused request takes nothing, so waiting is enough', () => {
    const clock = createManualClock();
    const limiter = createRateLimiter({ limit: 1, windowMs: 1000, clock });
    limiter.consume('a');
    for (let attempt = 0; attempt < 50; attempt++) limiter.consume('a');
    clock.advance(1000);
    expect(limiter.consume('a').isAllowed).toBe(true);
  });

  it('holds at most maxKeys, dropping idle buckets before evicting the least recently used', () => {
    const clock = createManualClock();
    const limiter = createRateLimiter({ limit: 2, windowMs: minute, clock, maxKeys: 3 });
    limiter.consume('idle');
    clock.advance(minute);
    limiter.consume('busy');
    limiter.consume('busy');
    limiter.consume('c');
    limiter.consume('d');
    // 'idle' was full again, so making room for 'd' dropped it and kept 'busy' and its debt.
    expect(limiter.size).toBe(3);
    expect(limiter.consume('busy').isAllowed).toBe(false);
    // Nothing idle left: a flood of new keys evicts the least recently used, never grows past 3.
    for (let index = 0; index < 500; index++) limiter.consume(`flood-${index}`);
    expect(limiter.size).toBe(3);
    expect(limiter.consume('busy').isAllowed).toBe(true);
  });

  it('reset forgets a key', () => {
    const clock = createManualClock();
    const limiter = createRateLimiter({ limit: 1, windowMs: minute, clock });
    limiter.consume('a');
    limiter.reset('a');
    expect(limiter.consume('a').isAllowed).toBe(true);
  });

  it('rejects nonsensical limits', () => {
    const clock = createManualClock();
    expect(() => createRateLimiter({ limit: 0, windowMs: minute, clock })).toThrow();
    expect(() => createRateLimiter({ limit: 1, windowMs: 0, clock })).toThrow();
  });
});

describe('addressPrefixKey', () => {
  it('groups IPv4 by /24 and reads IPv4-mapped IPv6 as IPv4', () => {
    expect(addressPrefixKey('203.0.113.7')).toBe('v4:203.0.113');
    expect(addressPrefixKey('203.0.113.250')).toBe(addressPrefixKey('203.0.113.7'));
    expect(addressPrefixKey('::ffff:203.0.113.9')).toBe('v4:203.0.113');
    expect(addressPrefixKey('203.0.114.7')).not.toBe(addressPrefixKey('203.0.113.7'));
  });

  it('groups IPv6 by /56, whatever the notation', () => {
    const key = addressPrefixKey('2001:db8:abcd:12ff::1');
    expect(key).toBe('v6:2001:0db8:abcd:12');
    expect(addressPrefixKey('2001:0DB8:ABCD:1200:0:0:0:ffff')).toBe(key);
    expect(addressPrefixKey('2001:db8:abcd:1300::1')).not.toBe(key);
    expect(addressPrefixKey('::1')).toBe('v6:0000:0000:0000:00');
    expect(addressPrefixKey('fe80::1%eth0')).toBe('v6:fe80:0000:0000:00');
  });

  it('never throws on garbage', () => {
    expect(addressPrefixKey('')).toBe('unknown');
    expect(addressPrefixKey('not an address')).toBe('unknown');
  });
});
