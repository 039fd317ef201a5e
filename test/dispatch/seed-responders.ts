import type { Kysely } from 'kysely';
import { memberFieldContexts } from '../../server/modules/identity/members/index.ts';
import { coarsenLocation, locationLifetimeMs } from '../../server/modules/field/responders/index.ts';
import type { FieldCrypto } from '../../server/platform/crypto/field-crypto.ts';
import type { Database } from '../../server/platform/database/schema.ts';
import { newId } from '../../server/platform/ids/ids.ts';

/** A small deterministic PRNG (mulberry32), so a seeded population is the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SeededResponder {
  id: string;
  lat: number | null;
  lon: number | null;
  isOnCall: boolean;
  isActive: boolean;
  languages: string[];
  areaId: string | null;
}

/**
 * Writes `count` responders straight into the tables (no password hashing, batched), scattered
 * uniformly within `radiusMeters` of `center`: most on call with a location, some off call,
 * probationary, without a location, or limited to `otherAreaId`. For the nearest-responder tests
 * and timings with up to 100,000 responders.
 */
export async function seedResponders(
  db: Kysely<Database>,
  crypto: FieldCrypto,
  input: {
    networkId: string;
    count: number;
    center: { lat: number; lon: number };
    radiusMeters: number;
    now: number;
    random: () => number;
    otherAreaId?: string;
  },
): Promise<SeededResponder[]> {
  const seeded: SeededResponder[] = [];
  const displayName = crypto.encrypt('Seeded responder', memberFieldContexts.displayName);
  const batchSize = 300;
  for (let start = 0; start < input.count; start += batchSize) {
    const batch: SeededResponder[] = [];
    for (let index = start; index < Math.min(input.count, start + batchSize); index += 1) {
      const angle = input.random() * 2 * Math.PI;
      const distance = Math.sqrt(input.random()) * input.radiusMeters;
      const exact = {
        lat: input.center.lat + (Math.cos(angle) * distance) / 111_320,
        lon:
          input.center.lon +
          (Math.sin(angle) * distance) / (111_320 * Math.cos((input.center.lat * Math.PI) / 180)),
      };
      const roll = input.random();
      const location = roll < 0.05 ? null : coarsenLocation(exact);
      batch.push({
        id: newId(),
        lat: location?.lat ?? null,
        lon: location?.lon ?? null,
        isOnCall: input.random() > 0.15,
        isActive: input.random() > 0.05,
        languages: input.random() < 0.3 ? ['es', 'en'] : input.random() < 0.1 ? ['ar'] : ['en'],
        areaId: input.otherAreaId && input.random() < 0.05 ? input.otherAreaId : null,
      });
    }
    await db
      .insertInto('members')
      .values(
        batch.map((responder, offset) => ({
          id: responder.id,
          network_id: input.networkId,
          display_name_enc: displayName,
          email_enc: displayName,
          email_index: `seed-${responder.id}-${offset}`,
          password_hash: null,
          status: responder.isActive ? ('active' as const) : ('probationary' as const),
          is_exercise_recipient: 0,
          languages: JSON.stringify(responder.languages),
          created_at: input.now,
          vetted_at: responder.isActive ? input.now : null,
          removed_at: null,
        })),
      )
      .execute();
    await db
      .insertInto('member_roles')
      .values(
        batch.map((responder) => ({
          id: newId(),
          network_id: input.networkId,
          member_id: responder.id,
          role: 'responder' as const,
          area_id: responder.areaId,
          granted_by: null,
          created_at: input.now,
        })),
      )
      .execute();
    await db
      .insertInto('responder_profiles')
      .values(
        batch.map((responder) => ({
          member_id: responder.id,
          network_id: input.networkId,
          is_on_call: responder.isOnCall ? 1 : 0,
          on_call_windows: '[]',
          has_windows: 0,
          sms_phone_enc: null,
          sms_phone_index: null,
          push_subscription_enc: null,
          location_lat: responder.lat,
          location_lon: responder.lon,
          location_updated_at: responder.lat === null ? null : input.now,
          location_expires_at: responder.lat === null ? null : input.now + locationLifetimeMs,
          created_at: input.now,
          updated_at: input.now,
        })),
      )
      .execute();
    seeded.push(...batch);
  }
  return seeded;
}
