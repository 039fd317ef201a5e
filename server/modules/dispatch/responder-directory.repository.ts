import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/database/schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/** Display names (still encrypted) and training kinds of a few responders, by member id. */
export async function listMemberNamesAndTrainings(
  db: Executor,
  memberIds: readonly string[],
): Promise<Map<string, { displayNameEnc: string; trainings: string[] }>> {
  const result = new Map<string, { displayNameEnc: string; trainings: string[] }>();
  if (memberIds.length === 0) return result;
  const [members, trainings] = await Promise.all([
    db.selectFrom('members').select(['id', 'display_name_enc']).where('id', 'in', memberIds).execute(),
    db
      .selectFrom('responder_trainings')
      .select(['member_id', 'kind'])
      .where('member_id', 'in', memberIds)
      .execute(),
  ]);
  for (const member of members)
    result.set(member.id, { displayNameEnc: member.display_name_enc, trainings: [] });
  for (const training of trainings) result.get(training.member_id)?.trainings.push(training.kind);
  return result;
}

/**
 * Of these members, the ones eligible for an offer on an incident in `areaIds`: same network,
 * vetted (active), with a responder grant network-wide or in one of those areas.
 */
export async function findEligibleResponderIds(
  db: Executor,
  input: { networkId: string; memberIds: readonly string[]; areaIds: readonly string[] },
): Promise<Set<string>> {
  if (input.memberIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('members')
    .innerJoin('member_roles', 'member_roles.member_id', 'members.id')
    .select('members.id')
    .where('members.id', 'in', input.memberIds)
    .where('members.network_id', '=', input.networkId)
    .where('members.status', '=', 'active')
    .where('member_roles.role', '=', 'responder')
    .where((eb) =>
      input.areaIds.length === 0
        ? eb('member_roles.area_id', 'is', null)
        : eb.or([eb('member_roles.area_id', 'is', null), eb('member_roles.area_id', 'in', input.areaIds)]),
    )
    .execute();
  return new Set(rows.map((row) => row.id));
}

/** Current coarse locations of these responders (expired ones left out). */
export async function findCurrentLocations(db: Executor, memberIds: readonly string[], now: number) {
  if (memberIds.length === 0) return new Map<string, { lat: number; lon: number }>();
  const rows = await db
    .selectFrom('responder_profiles')
    .select(['member_id', 'location_lat', 'location_lon'])
    .where('member_id', 'in', memberIds)
    .where('location_expires_at', '>', now)
    .execute();
  const locations = new Map<string, { lat: number; lon: number }>();
  for (const row of rows) {
    if (row.location_lat !== null && row.location_lon !== null) {
      locations.set(row.member_id, { lat: row.location_lat, lon: row.location_lon });
    }
  }
  return locations;
}

export async function findMemberLanguages(db: Executor, memberId: string): Promise<string | null> {
  const row = await db
    .selectFrom('members')
    .select('languages')
    .where('id', '=', memberId)
    .executeTakeFirst();
  return row?.languages ?? null;
}
