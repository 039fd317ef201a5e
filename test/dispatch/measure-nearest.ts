/**
 * Times findNearestAvailableResponders against a brute-force scan with 100,000 responders, on
 * SQLite and (with AMPARO_TEST_DATABASE_URL) PostgreSQL. Not a test; run by hand:
 *   AMPARO_TEST_DATABASE_URL=postgres://... npx tsx test/dispatch/measure-nearest.ts [count]
 */
import { sql } from 'kysely';
import { findNearestAvailableResponders } from '../../server/modules/field/dispatch/index.ts';
import { createManualClock } from '../../server/platform/clock/clock.ts';
import { createFieldCrypto } from '../../server/platform/crypto/field-crypto.ts';
import { generateKeyFile, parseKeyFile } from '../../server/platform/crypto/keyring.ts';
import { distanceMeters } from '../../server/platform/geo/index.ts';
import { createTestDatabase, testDialects } from '../support/databases.ts';
import { buildNetwork } from '../support/factories.ts';
import { seededRandom, seedResponders } from './seed-responders.ts';
import { offset, pilsen } from './support.ts';

const count = Number(process.argv[2] ?? 100_000);
const queries = 40;

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? NaN;
}

for (const dialect of testDialects) {
  const database = await createTestDatabase(dialect);
  const clock = createManualClock(Date.now());
  const crypto = createFieldCrypto(parseKeyFile(JSON.stringify(generateKeyFile())));
  const network = await buildNetwork({ database, crypto, clock });
  const seedStart = performance.now();
  await seedResponders(database.db, crypto, {
    networkId: network.id,
    count,
    center: pilsen,
    radiusMeters: 40_000,
    now: clock.now(),
    random: seededRandom(7),
  });
  // Fresh planner statistics, as a running deployment would have.
  await sql`analyze`.execute(database.db);
  const seedMs = performance.now() - seedStart;
  const random = seededRandom(11);
  const points = Array.from({ length: queries }, () =>
    offset(pilsen, (random() - 0.5) * 60_000, (random() - 0.5) * 60_000),
  );
  const indexed: number[] = [];
  const brute: number[] = [];
  for (const [index, point] of points.entries()) {
    const language = index % 2 === 0 ? 'es' : undefined;
    let start = performance.now();
    const found = await findNearestAvailableResponders(database.db, {
      networkId: network.id,
      point,
      timeZone: 'America/Chicago',
      now: clock.now(),
      areaIds: [],
      language,
      limit: 10,
    });
    indexed.push(performance.now() - start);
    start = performance.now();
    // The brute force: read every profile of the network and rank in memory.
    const all = await database.db
      .selectFrom('responder_profiles')
      .innerJoin('members', 'members.id', 'responder_profiles.member_id')
      .select([
        'member_id',
        'location_lat',
        'location_lon',
        'is_on_call',
        'members.status',
        'members.languages',
      ])
      .where('responder_profiles.network_id', '=', network.id)
      .execute();
    const ranked = all
      .filter((row) => row.status === 'active' && row.is_on_call === 1 && row.location_lat !== null)
      .map((row) => ({
        id: row.member_id,
        distance: distanceMeters(point, { lat: row.location_lat!, lon: row.location_lon! }),
      }))
      .sort((a, b) => a.distance - b.distance)
      .slice(0, 10);
    brute.push(performance.now() - start);
    if (found.length === 0 || ranked.length === 0) throw new Error('nothing found');
  }
  console.log(
    JSON.stringify({
      dialect,
      responders: count,
      seedSeconds: Math.round(seedMs / 100) / 10,
      indexedMs: { median: percentile(indexed, 0.5).toFixed(1), p95: percentile(indexed, 0.95).toFixed(1) },
      bruteForceMs: { median: percentile(brute, 0.5).toFixed(1), p95: percentile(brute, 0.95).toFixed(1) },
    }),
  );
  await database.destroy();
}
