import { describe, expect, it } from 'vitest';
import { deliveryExpiresAt, retryDelayMs } from './delivery-retry.ts';

describe('delivery retry timing', () => {
  const timing = { capMs: 60_000, random: () => 1 };

  it('doubles from one second and stops growing at the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((failures) => retryDelayMs(failures, undefined, timing))).toEqual(
      [1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000],
    );
  });

  it('spreads retries with jitter: half of each delay is random', () => {
    expect(retryDelayMs(4, undefined, { ...timing, random: () => 0 })).toBe(4_000);
    expect(retryDelayMs(4, undefined, { ...timing, random: () => 0.5 })).toBe(6_000);
  });

  it('never comes back sooner than Retry-After asked, even past the cap', () => {
    expect(retryDelayMs(1, 30_000, timing)).toBe(30_000);
    expect(retryDelayMs(1, 120_000, timing)).toBe(120_000);
    expect(retryDelayMs(7, 5_000, timing)).toBe(60_000);
  });

  it('expires an alert after its urgency window from approval', () => {
    const network = { settings: { alertExpiryHoursUrgent: 6, alertExpiryHoursUpdate: 24 } } as Parameters<
      typeof deliveryExpiresAt
    >[1];
    expect(deliveryExpiresAt({ approved_at: 1_000, created_at: 0, urgency: 'urgent' }, network)).toBe(
      1_000 + 6 * 3_600_000,
    );
    expect(deliveryExpiresAt({ approved_at: null, created_at: 500, urgency: 'update' }, network)).toBe(
      500 + 24 * 3_600_000,
    );
  });
});
