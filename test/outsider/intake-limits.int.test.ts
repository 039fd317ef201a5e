import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createManualClock } from '../../server/platform/clock/clock.ts';
import { createFieldCrypto } from '../../server/platform/crypto/field-crypto.ts';
import { generateKeyFile, parseKeyFile } from '../../server/platform/crypto/keyring.ts';
import { areaKeyOf, createIntakeLimiter, intakeLayers } from '../../server/modules/intake/flood/index.ts';
import type { IntakeAttempt, IntakeLimiter } from '../../server/modules/intake/flood/index.ts';
import { createTestDatabase, describeEachDatabase } from '../support/databases.ts';
import type { TestDatabase } from '../support/databases.ts';

const unknownWeb = (overrides: Partial<IntakeAttempt> = {}): IntakeAttempt => ({
  networkId: 'net-1',
  lane: 'unknown',
  sourceKey: 'web:v4:10.0.0',
  areaKey: null,
  isFloodMode: false,
  ...overrides,
});

async function admitted(check: () => Promise<{ isAllowed: boolean }>, times: number): Promise<number> {
  let count = 0;
  for (let index = 0; index < times; index += 1) if ((await check()).isAllowed) count += 1;
  return count;
}

let sequence = 0;
const fresh = (prefix: string) => `${prefix}${(sequence += 1)}`;

describeEachDatabase('layered intake limits in shared counters', (dialect) => {
  let database: TestDatabase;
  const clock = createManualClock(Date.UTC(2026, 11, 7, 12, 0, 0));
  const crypto = createFieldCrypto(parseKeyFile(JSON.stringify(generateKeyFile())));
  const limiter = (scale?: number): IntakeLimiter =>
    createIntakeLimiter({ db: database.db, dialect: database.dialect, clock, crypto, scale });

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });
  afterAll(() => database.destroy());
  // Every test in fresh windows (the longest layer window is 30 minutes).
  beforeEach(() => clock.advance(60 * 60 * 1000));

  it('limits one source, then refuses with a retry time and the layer', async () => {
    const intake = limiter();
    expect(await admitted(() => intake.check(unknownWeb()), 25)).toBe(intakeLayers.unknownSource.limit);
    const refused = await intake.check(unknownWeb());
    expect(refused).toMatchObject({ isAllowed: false, layer: 'unknown.source' });
    expect(refused.retryAfterMs).toBeGreaterThan(0);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(intakeLayers.unknownSource.windowMs);
  });

  it('limits a network flooded from rotating sources per area and per network; another network keeps its budget', async () => {
    const intake = limiter();
    const oneArea = await admitted(
      () => intake.check(unknownWeb({ sourceKey: fresh('web:'), areaKey: 'cell:1:1' })),
      130,
    );
    expect(oneArea).toBe(intakeLayers.unknownArea.limit);
    const spread = await admitted(
      () => intake.check(unknownWeb({ sourceKey: fresh('web:'), areaKey: fresh('cell:') })),
      500,
    );
    expect(oneArea + spread).toBe(intakeLayers.unknownNetwork.limit);
    expect((await intake.check(unknownWeb({ sourceKey: fresh('web:') }))).layer).toBe('unknown.network');
    // The flooded network used its own budget only.
    expect(
      await admitted(() => intake.check(unknownWeb({ networkId: 'net-2', sourceKey: fresh('web:') })), 5),
    ).toBe(5);
  });

  it('tightens unknown sources in flood mode while known reporters and operators keep their budgets', async () => {
    const intake = limiter();
    const flood = await admitted(
      () => intake.check(unknownWeb({ sourceKey: fresh('web:'), isFloodMode: true })),
      80,
    );
    expect(flood).toBe(intakeLayers.floodNetwork.limit);
    const known = await admitted(
      () => intake.check({ ...unknownWeb(), lane: 'known', sourceKey: fresh('phone:') }),
      100,
    );
    expect(known).toBe(100);
    const operator = await admitted(
      () => intake.check({ ...unknownWeb(), lane: 'operator', sourceKey: 'member:1' }),
      50,
    );
    expect(operator).toBe(50);
  });

  it('starts afresh in the next window, and scales', async () => {
    const intake = limiter(0.1);
    expect(await admitted(() => intake.check(unknownWeb()), 10)).toBe(2);
    clock.advance(intakeLayers.unknownSource.windowMs);
    expect(await admitted(() => intake.check(unknownWeb()), 10)).toBe(2);
  });

  it('loses no take under concurrent checks, and two limiters (two processes) share one budget', async () => {
    const first = limiter();
    const second = limiter();
    const sourceKey = fresh('web:');
    const attempts = Array.from({ length: 60 }, (_, index) =>
      (index % 2 === 0 ? first : second).check(unknownWeb({ sourceKey })),
    );
    const decisions = await Promise.all(attempts);
    expect(decisions.filter((decision) => decision.isAllowed)).toHaveLength(intakeLayers.unknownSource.limit);
  });

  it('keeps no address prefix or phone hash in the clear in the database', async () => {
    const intake = limiter();
    await intake.check(unknownWeb({ sourceKey: 'web:v4:203.0.113', areaKey: 'zip:60608' }));
    const keys = (await database.db.selectFrom('shared_counters').select('key').execute()).map(
      (row) => row.key,
    );
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(key).not.toContain('203.0.113');
      expect(key).not.toContain('60608');
    }
  });

  it('keys areas by a ~1 km cell or the ZIP code', () => {
    expect(areaKeyOf({ point: { lat: 41.8564, lon: -87.6604 } })).toBe('cell:4186:-8766');
    expect(areaKeyOf({ point: { lat: 41.8561, lon: -87.6601 } })).toBe('cell:4186:-8766');
    expect(areaKeyOf({ zip: '60608' })).toBe('zip:60608');
    expect(areaKeyOf({})).toBeNull();
  });
});
