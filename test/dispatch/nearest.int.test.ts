import { afterAll, beforeAll, expect, it } from 'vitest';
import { findNearestAvailableResponders, speaks } from '../../server/modules/field/dispatch/index.ts';
import { distanceMeters } from '../../server/platform/geo/index.ts';
import { newId } from '../../server/platform/ids/ids.ts';
import { createTestDatabase, describeEachDatabase } from '../support/databases.ts';
import type { TestDatabase } from '../support/databases.ts';
import { createFieldCrypto } from '../../server/platform/crypto/field-crypto.ts';
import { generateKeyFile, parseKeyFile } from '../../server/platform/crypto/keyring.ts';
import { createManualClock } from '../../server/platform/clock/clock.ts';
import { buildArea, buildNetwork } from '../support/factories.ts';
import { offset, pilsen } from './support.ts';
import { seededRandom, seedResponders } from './seed-responders.ts';
import type { SeededResponder } from './seed-responders.ts';

/**
 * The ring search must return exactly what a brute-force scan of every responder returns: same
 * people, same order. Checked on a seeded population with off-call, unvetted, unlocated,
 * other-area and busy responders, at several points (inside the crowd, at its edge, far away).
 */
describeEachDatabase('nearest available responders', (dialect) => {
  let database: TestDatabase;
  let networkId: string;
  let population: SeededResponder[];
  let otherAreaId: string;
  const clock = createManualClock(Date.now());
  const crypto = createFieldCrypto(parseKeyFile(JSON.stringify(generateKeyFile())));
  const busy = new Set<string>();

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const context = { database, crypto, clock };
    const network = await buildNetwork(context);
    networkId = network.id;
    otherAreaId = (
      await buildArea(context, networkId, { center: offset(pilsen, 200_000), radiusMeters: 500 })
    ).id;
    population = await seedResponders(database.db, crypto, {
      networkId,
      count: 3_000,
      center: pilsen,
      radiusMeters: 40_000,
      now: clock.now(),
      random: seededRandom(42),
      otherAreaId,
    });
    // A few responders are already on a dispatch.
    const incident = await database.db
      .insertInto('incidents')
      .values({
        id: newId(),
        network_id: networkId,
        public_id: 'seed-incident',
        status: 'verifying',
        outcome: null,
        closed_reason: null,
        merged_into_id: null,
        category: 'other',
        lat: pilsen.lat,
        lon: pilsen.lon,
        location_precision: 'pin',
        located_report_count: 1,
        zip: null,
        report_count: 1,
        source_count: 1,
        first_report_at: clock.now(),
        latest_report_at: clock.now(),
        last_received_at: clock.now(),
        priority: 0,
        claimed_by: null,
        claimed_at: null,
        expires_at: null,
        status_changed_at: clock.now(),
        closed_at: null,
        created_at: clock.now(),
        updated_at: clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const nearby = population
      .filter((responder) => responder.lat !== null)
      .sort(
        (a, b) =>
          distanceMeters(pilsen, { lat: a.lat!, lon: a.lon! }) -
          distanceMeters(pilsen, { lat: b.lat!, lon: b.lon! }),
      )
      .slice(0, 40);
    for (const [index, responder] of nearby.entries()) {
      if (index % 3 !== 0) continue;
      busy.add(responder.id);
      await database.db
        .insertInto('dispatch_offers')
        .values({
          id: newId(),
          network_id: networkId,
          incident_id: incident.id,
          responder_member_id: responder.id,
          offered_by: responder.id,
          status: 'accepted',
          code: 'AAAA',
          is_auto_escalating: 0,
          escalated_from_id: null,
          escalation_depth: 0,
          language: null,
          distance_meters: null,
          expires_at: clock.now() + 60_000,
          offered_at: clock.now(),
          accepted_at: clock.now(),
          declined_at: null,
          expired_at: null,
          cancelled_at: null,
          en_route_at: null,
          eta_at: null,
          on_scene_at: null,
          done_at: null,
          outcome: null,
          outcome_at: null,
          outcome_notes_enc: null,
          livestream_url_enc: null,
          outcome_client_key: null,
          updated_at: clock.now(),
        })
        .execute();
    }
  });
  afterAll(() => database.destroy());

  /** Every responder checked one by one, the way the index must behave. */
  function bruteForce(point: { lat: number; lon: number }, limit: number, language?: string): string[] {
    return population
      .filter(
        (responder) =>
          responder.isActive &&
          responder.isOnCall &&
          responder.areaId === null &&
          !busy.has(responder.id) &&
          responder.lat !== null &&
          responder.lon !== null,
      )
      .map((responder) => ({
        id: responder.id,
        isMatch: language ? speaks(responder.languages, language) : true,
        distance: Math.round(distanceMeters(point, { lat: responder.lat!, lon: responder.lon! })),
      }))
      .filter((candidate) => candidate.distance <= 100_000)
      .sort(
        (a, b) =>
          Number(b.isMatch) - Number(a.isMatch) || a.distance - b.distance || a.id.localeCompare(b.id),
      )
      .slice(0, limit)
      .map((candidate) => candidate.id);
  }

  const points = [
    ['the centre of the crowd', pilsen],
    ['its edge', offset(pilsen, 39_000, 5_000)],
    ['outside it', offset(pilsen, -60_000, 20_000)],
  ] as const;

  for (const [where, point] of points) {
    for (const language of [undefined, 'es', 'ar']) {
      it(`matches a brute-force scan at ${where}${language ? ` for ${language} speakers` : ''}`, async () => {
        const found = await findNearestAvailableResponders(database.db, {
          networkId,
          point,
          timeZone: 'America/Chicago',
          now: clock.now(),
          areaIds: [],
          language,
          limit: 10,
          includeUnlocated: false,
        });
        expect(found.map((candidate) => candidate.memberId)).toEqual(bruteForce(point, 10, language));
        expect(found.length).toBeGreaterThan(0);
      });
    }
  }
});
