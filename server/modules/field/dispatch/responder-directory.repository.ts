import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import {
  filterActiveMembersHoldingRole,
  findMemberDisplayNamesEnc,
  findMemberLanguagesJson,
} from '../../identity/index.ts';
import { findCurrentLocationsOf, findTrainingKindsOf } from '../responders/index.ts';

/**
 * Display names (still encrypted, from the members module) and training kinds (from the responders
 * module) of a few responders, by member id.
 */
export async function listMemberNamesAndTrainings(
  db: Kysely<Database>,
  memberIds: readonly string[],
): Promise<Map<string, { displayNameEnc: string; trainings: string[] }>> {
  const result = new Map<string, { displayNameEnc: string; trainings: string[] }>();
  if (memberIds.length === 0) return result;
  const [names, trainings] = await Promise.all([
    findMemberDisplayNamesEnc(db, memberIds),
    findTrainingKindsOf(db, memberIds),
  ]);
  for (const [id, displayNameEnc] of names) result.set(id, { displayNameEnc, trainings: [] });
  for (const training of trainings) result.get(training.member_id)?.trainings.push(training.kind);
  return result;
}

/**
 * Of these members, the ones eligible for an offer on an incident in `areaIds`: same network,
 * vetted (active), with a responder grant network-wide or in one of those areas.
 */
export function findEligibleResponderIds(
  db: Kysely<Database>,
  input: { networkId: string; memberIds: readonly string[]; areaIds: readonly string[] },
): Promise<Set<string>> {
  return filterActiveMembersHoldingRole(db, { ...input, role: 'responder' });
}

/** Current coarse locations of these responders (expired ones left out), from the responders module. */
export async function findCurrentLocations(db: Kysely<Database>, memberIds: readonly string[], now: number) {
  if (memberIds.length === 0) return new Map<string, { lat: number; lon: number }>();
  const rows = await findCurrentLocationsOf(db, memberIds, now);
  const locations = new Map<string, { lat: number; lon: number }>();
  for (const row of rows) {
    if (row.location_lat !== null && row.location_lon !== null) {
      locations.set(row.member_id, { lat: row.location_lat, lon: row.location_lon });
    }
  }
  return locations;
}

/** The responder's languages (JSON array), from the members module. */
export const findMemberLanguages = findMemberLanguagesJson;
