import { describe, expect, it } from 'vitest';
import { computeRetryDelay, describeFailure } from './retry-policy.ts';

describe('computeRetryDelay', () => {
  it('doubles from 2 s, jittered between half and all of the ceiling', () => {
    expect([1, 2, 3, 4].map((attempt) => computeRetryDelay(attempt, () => 0))).toEqual([
      1_000, 2_000, 4_000, 8_000,
    ]);
    expect([1, 2, 3, 4].map((attempt) => computeRetryDelay(attempt, () => 1))).toEqual([
      2_000, 4_000, 8_000, 16_000,
    ]);
  });

  it('never shrinks from one attempt to the next, whatever the jitter', () => {
    for (let attempt = 1; attempt < 30; attempt += 1) {
      expect(computeRetryDelay(attempt + 1, () => 0)).toBeGreaterThanOrEqual(
        computeRetryDelay(attempt, () => 1),
      );
    }
  });

  it('caps at 15 minutes, even for absurd attempt counts', () => {
    expect(computeRetryDelay(50, () => 1)).toBe(15 * 60_000);
    expect(computeRetryDelay(1_000_000, () => 0)).toBe(15 * 60_000);
    expect(computeRetryDelay(10, () => 0)).toBe(512_000); // half of 1,024 s: under the cap, still jittered
  });
});

describe('describeFailure', () => {
  it('keeps the class and message on one line, truncated to 500 characters', () => {
    expect(describeFailure(new TypeError('bad\n  thing'))).toBe('TypeError: bad thing');
    const long = describeFailure(new Error('x'.repeat(5_000)));
    expect(long).toHaveLength(500);
    expect(long.endsWith('…')).toBe(true);
  });

  it('does not stringify thrown non-errors, which could be a payload', () => {
    expect(describeFailure({ phone: '+15555550100' })).toBe('Non-error thrown: object');
  });
});
