import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../platform/clock/clock.ts';
import { areaKeyOf, createIntakeLimiter, intakeLayers } from './intake-limits.ts';
import type { IntakeAttempt } from './intake-limits.ts';

const unknownWeb = (overrides: Partial<IntakeAttempt> = {}): IntakeAttempt => ({
  networkId: 'net-1',
  lane: 'unknown',
  sourceKey: 'web:v4:10.0.0',
  areaKey: null,
  isFloodMode: false,
  ...overrides,
});

function admitted(check: () => { isAllowed: boolean }, times: number): number {
  let count = 0;
  for (let index = 0; index < times; index += 1) if (check().isAllowed) count += 1;
  return count;
}

describe('layered intake limits', () => {
  it('limits one source, then refuses with a retry time and the layer', () => {
    const limiter = createIntakeLimiter({ clock: createManualClock() });
    expect(admitted(() => limiter.check(unknownWeb()), 25)).toBe(intakeLayers.unknownSource.limit);
    const refused = limiter.check(unknownWeb());
    expect(refused).toMatchObject({ isAllowed: false, layer: 'unknown.source' });
    expect(refused.retryAfterMs).toBeGreaterThan(0);
  });

  it('limits a network flooded from rotating sources, per area and per network', () => {
    const clock = createManualClock();
    const limiter = createIntakeLimiter({ clock });
    const oneArea = admitted(
      () => limiter.check(unknownWeb({ sourceKey: `web:${Math.random()}`, areaKey: 'cell:1:1' })),
      500,
    );
    expect(oneArea).toBe(intakeLayers.unknownArea.limit);
    const spread = admitted(
      () =>
        limiter.check(unknownWeb({ sourceKey: `web:${Math.random()}`, areaKey: `cell:${Math.random()}` })),
      2000,
    );
    expect(oneArea + spread).toBe(intakeLayers.unknownNetwork.limit);
    // Another network is not affected.
    expect(limiter.check(unknownWeb({ networkId: 'net-2' })).isAllowed).toBe(true);
  });

  it('tightens unknown sources in flood mode while known reporters and operators keep their budgets', () => {
    const limiter = createIntakeLimiter({ clock: createManualClock() });
    const flood = admitted(
      () => limiter.check(unknownWeb({ sourceKey: `web:${Math.random()}`, isFloodMode: true })),
      1000,
    );
    expect(flood).toBe(intakeLayers.floodNetwork.limit);
    const known = admitted(
      () => limiter.check({ ...unknownWeb(), lane: 'known', sourceKey: `phone:${Math.random()}` }),
      300,
    );
    expect(known).toBe(300);
    const operator = admitted(
      () => limiter.check({ ...unknownWeb(), lane: 'operator', sourceKey: 'member:1' }),
      50,
    );
    expect(operator).toBe(50);
  });

  it('refills with time and scales', () => {
    const clock = createManualClock();
    const limiter = createIntakeLimiter({ clock, scale: 0.1 });
    expect(admitted(() => limiter.check(unknownWeb()), 10)).toBe(2);
    clock.advance(intakeLayers.unknownSource.windowMs);
    expect(admitted(() => limiter.check(unknownWeb()), 10)).toBe(2);
  });

  it('keys areas by a ~1 km cell or the ZIP code', () => {
    expect(areaKeyOf({ point: { lat: 41.8564, lon: -87.6604 } })).toBe('cell:4186:-8766');
    expect(areaKeyOf({ point: { lat: 41.8561, lon: -87.6601 } })).toBe('cell:4186:-8766');
    expect(areaKeyOf({ zip: '60608' })).toBe('zip:60608');
    expect(areaKeyOf({})).toBeNull();
  });
});
