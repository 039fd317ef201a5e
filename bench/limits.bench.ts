import { sql } from 'kysely';
import { createManualClock } from '../server/platform/clock/clock.ts';
import { createFieldCrypto } from '../server/platform/crypto/field-crypto.ts';
import { generateKeyFile, parseKeyFile } from '../server/platform/crypto/keyring.ts';
import type { DialectName } from '../server/platform/database/database.ts';
import { createIntakeLimiter } from '../server/modules/intake/flood/index.ts';
import { createRateLimiter } from '../server/platform/http/rate-limiter.ts';
import { createTestDatabase } from '../test/support/databases.ts';
import { formatNumber, ratioOf } from './results.ts';
import type { BenchRow } from './results.ts';
import { percentile } from './timing.ts';

export interface LimitsSizes {
  checks: number;
}

/**
 * Cost of one intake limit check (source, area and network layers in shared counters, one
 * transaction) against the cheapest round trip to the same database: the price of limits that
 * hold across app processes (ADR 0027).
 */
export async function benchSharedLimits(dialect: DialectName, sizes: LimitsSizes): Promise<BenchRow[]> {
  const database = await createTestDatabase(dialect);
  try {
    const clock = createManualClock(Date.now());
    const crypto = createFieldCrypto(parseKeyFile(JSON.stringify(generateKeyFile())));
    const limiter = createIntakeLimiter({
      db: database.db,
      dialect: database.dialect,
      clock,
      crypto,
      scale: 1000,
    });
    const samples: number[] = [];
    for (let index = 0; index < sizes.checks; index += 1) {
      const started = performance.now();
      await limiter.check({
        networkId: 'bench-network',
        lane: 'unknown',
        sourceKey: `web:v4:10.${index >> 8}.${index & 255}`,
        areaKey: `cell:${index % 50}:1`,
        isFloodMode: false,
      });
      samples.push(performance.now() - started);
    }
    // Baseline: the cheapest round trip to the same database (load on a shared machine moves both).
    const roundTrips: number[] = [];
    for (let index = 0; index < sizes.checks; index += 1) {
      const started = performance.now();
      await sql`select 1`.execute(database.db);
      roundTrips.push(performance.now() - started);
    }
    const memory = createRateLimiter({ limit: 1000, windowMs: 60_000, clock });
    const memoryStarted = performance.now();
    for (let index = 0; index < sizes.checks; index += 1)
      memory.consume(`web:v4:10.${index >> 8}.${index & 255}`);
    const memoryUs = ((performance.now() - memoryStarted) / sizes.checks) * 1000;
    const roundTrip = percentile(roundTrips, 0.5);
    const p50 = percentile(samples, 0.5);
    return [
      {
        section: 'shared intake limits',
        database: dialect,
        figure: 'one check, p50 / p99 (ms)',
        value: `${formatNumber(p50)} / ${formatNumber(percentile(samples, 0.99))}`,
        baseline: `${formatNumber(roundTrip, 2)} ms \`select 1\` p50`,
        ratio: ratioOf(p50, roundTrip),
        note: `${sizes.checks} sequential checks, 3 layers (source, area, network) in one transaction; the old in-process bucket: ${formatNumber(memoryUs, 2)} µs`,
      },
    ];
  } finally {
    await database.destroy();
  }
}
