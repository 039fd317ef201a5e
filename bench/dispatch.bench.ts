import { findNearestAvailableResponders } from '../server/modules/field/dispatch/index.ts';
import type { DialectName } from '../server/platform/database/database.ts';
import type { Insertable } from 'kysely';
import type { Database } from '../server/platform/database/schema.ts';
import { distanceMeters } from '../server/platform/geo/index.ts';
import { newId } from '../server/platform/ids/ids.ts';
import { createTestDatabase } from '../test/support/databases.ts';
import type { TestDatabase } from '../test/support/databases.ts';
import { buildNetwork } from '../test/support/factories.ts';
import { createManualClock } from '../server/platform/clock/clock.ts';
import { createFieldCrypto } from '../server/platform/crypto/field-crypto.ts';
import { generateKeyFile, parseKeyFile } from '../server/platform/crypto/keyring.ts';
import { formatNumber, ratioOf } from './results.ts';
import type { BenchRow } from './results.ts';
import { percentile } from './timing.ts';

const center = { lat: 41.85, lon: -87.68 };
const spreadDegrees = 0.5;

/**
 * Time per suggestion query (the dispatch module's findNearestAvailableResponders: growing boxes
 * on the location index) with `responders` on call, against a brute-force scan that reads every
 * located, eligible responder of the network and sorts them by exact distance.
 */
export async function benchDispatch(
  dialect: DialectName,
  sizes: { responders: number; queries: number },
): Promise<BenchRow[]> {
  const database = await createTestDatabase(dialect);
  try {
    const now = Date.now();
    const networkId = await seedResponders(database, sizes.responders, now);
    const points = Array.from({ length: sizes.queries }, () => ({
      lat: center.lat + (Math.random() - 0.5) * spreadDegrees * 0.8,
      lon: center.lon + (Math.random() - 0.5) * spreadDegrees * 0.8,
    }));
    const indexed: number[] = [];
    const brute: number[] = [];
    let mismatches = 0;
    // The scan (seconds per query at 100,000) is both baseline and oracle; every 5th point suffices.
    for (const [index, point] of points.entries()) {
      let started = performance.now();
      const found = await findNearestAvailableResponders(database.db, {
        networkId,
        now,
        areaIds: [],
        point,
        timeZone: 'America/Chicago',
        limit: 10,
        includeUnlocated: false,
      });
      indexed.push(performance.now() - started);
      if (index % 5 !== 0) continue;
      started = performance.now();
      const scanned = await bruteForce(database, networkId, point, now);
      brute.push(performance.now() - started);
      // The module ranks by whole metres (ties by id): only a nearest farther than that is wrong.
      const nearest = scanned[0];
      if (nearest && (found[0]?.distanceMeters ?? Infinity) > nearest.distance + 1) mismatches += 1;
    }
    const p50 = percentile(indexed, 0.5);
    const bruteP50 = percentile(brute, 0.5);
    return [
      {
        section: 'dispatch suggestions',
        database: dialect,
        figure: 'ms per query p50 / p99',
        value: `${formatNumber(p50, 2)} / ${formatNumber(percentile(indexed, 0.99), 2)}`,
        baseline: `${formatNumber(bruteP50, 1)} / ${formatNumber(percentile(brute, 0.99), 1)} brute-force scan`,
        ratio: ratioOf(p50, bruteP50),
        note: `${sizes.responders.toLocaleString('en-US')} responders, ${sizes.queries} queries (${brute.length} scanned), nearest farther than the true nearest (> 1 m) in ${mismatches}`,
      },
    ];
  } finally {
    await database.destroy();
  }
}

async function bruteForce(
  database: TestDatabase,
  networkId: string,
  point: { lat: number; lon: number },
  now: number,
): Promise<{ id: string; distance: number }[]> {
  const rows = await database.db
    .selectFrom('responder_profiles as p')
    .innerJoin('members', 'members.id', 'p.member_id')
    .select(['p.member_id', 'p.location_lat', 'p.location_lon'])
    .where('p.network_id', '=', networkId)
    .where('members.status', '=', 'active')
    .where('p.is_on_call', '=', 1)
    .where('p.location_expires_at', '>', now)
    .execute();
  return rows
    .map((row) => ({
      id: row.member_id,
      distance: distanceMeters(point, { lat: row.location_lat!, lon: row.location_lon! }),
    }))
    .sort((a, b) => a.distance - b.distance || a.id.localeCompare(b.id))
    .slice(0, 10);
}

/** Bulk rows shaped like the responder module stores them (names are placeholders: never read here). */
async function seedResponders(database: TestDatabase, count: number, now: number): Promise<string> {
  const context = {
    database,
    clock: createManualClock(now),
    crypto: createFieldCrypto(parseKeyFile(JSON.stringify(generateKeyFile()))),
  };
  const network = await buildNetwork(context, { languages: ['en', 'es'] });
  const batch = 400;
  for (let start = 0; start < count; start += batch) {
    const members: Database['members'][] = [];
    const roles: Database['member_roles'][] = [];
    const profiles: Insertable<Database['responder_profiles']>[] = [];
    for (let index = start; index < Math.min(count, start + batch); index += 1) {
      const id = newId();
      members.push({
        id,
        network_id: network.id,
        display_name_enc: 'bench',
        email_enc: 'bench',
        email_index: `bench-${id}`,
        password_hash: null,
        status: 'active',
        is_exercise_recipient: 0,
        languages: JSON.stringify(index % 3 === 0 ? ['es'] : ['en']),
        created_at: now,
        vetted_at: now,
        removed_at: null,
      });
      roles.push({
        id: newId(),
        network_id: network.id,
        member_id: id,
        role: 'responder',
        area_id: null,
        granted_by: null,
        created_at: now,
      });
      profiles.push({
        member_id: id,
        network_id: network.id,
        is_on_call: 1,
        on_call_windows: '[]',
        has_windows: 0,
        sms_phone_enc: null,
        sms_phone_index: null,
        location_lat: center.lat + (Math.random() - 0.5) * spreadDegrees,
        location_lon: center.lon + (Math.random() - 0.5) * spreadDegrees,
        location_updated_at: now,
        location_expires_at: now + 3_600_000,
        created_at: now,
        updated_at: now,
      });
    }
    await database.db.transaction().execute(async (trx) => {
      await trx.insertInto('members').values(members).execute();
      await trx.insertInto('member_roles').values(roles).execute();
      await trx.insertInto('responder_profiles').values(profiles).execute();
    });
  }
  return network.id;
}
