import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';

/*
 * Narrow reads of the responders tables for other modules (exported through index.ts), so no
 * other module names `responder_profiles` or `responder_trainings` in its own SQL (docs/adr/0013).
 */

/**
 * The network's responder profiles as a query (availability and coarse location columns, no
 * contact) for dispatch's nearest-responder search to select from, joined in one statement:
 * `.selectFrom(responderAvailability(db, networkId).as('p'))`. Its location range uses the
 * profiles' location index as the hand-written query did.
 */
export function responderAvailability(db: Kysely<Database>, networkId: string) {
  return db
    .selectFrom('responder_profiles')
    .select([
      'responder_profiles.member_id',
      'responder_profiles.is_on_call',
      'responder_profiles.has_windows',
      'responder_profiles.on_call_windows',
      'responder_profiles.location_lat',
      'responder_profiles.location_lon',
      'responder_profiles.location_expires_at',
    ])
    .where('responder_profiles.network_id', '=', networkId);
}

/** Current coarse locations of these responders (expired and unshared ones left out). */
export async function findCurrentLocationsOf(
  db: Kysely<Database>,
  memberIds: readonly string[],
  now: number,
) {
  if (memberIds.length === 0) return [];
  return db
    .selectFrom('responder_profiles')
    .select(['member_id', 'location_lat', 'location_lon'])
    .where('member_id', 'in', memberIds)
    .where('location_expires_at', '>', now)
    .execute();
}

/** Training kinds of these responders, one row per training. */
export async function findTrainingKindsOf(db: Kysely<Database>, memberIds: readonly string[]) {
  if (memberIds.length === 0) return [];
  return db
    .selectFrom('responder_trainings')
    .select(['member_id', 'kind'])
    .where('member_id', 'in', memberIds)
    .execute();
}
