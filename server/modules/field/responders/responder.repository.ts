import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import {
  countVettingsOfMembers,
  findMemberHoldingRole,
  listRoleGrantsOf,
  membersHoldingRole,
} from '../../identity/index.ts';
import type { ResponderProfilesTable, ResponderTrainingsTable } from './responder.tables.ts';

export type ResponderProfileRow = Selectable<ResponderProfilesTable>;
export type TrainingRow = Selectable<ResponderTrainingsTable>;

/** A member holding the responder role, as the roster and dispatch read them (no contact fields). */
export interface ResponderMemberRow {
  id: string;
  network_id: string;
  display_name_enc: string;
  status: string;
  languages: string;
}

export async function findProfile(
  db: Kysely<Database>,
  memberId: string,
): Promise<ResponderProfileRow | undefined> {
  return db.selectFrom('responder_profiles').selectAll().where('member_id', '=', memberId).executeTakeFirst();
}

export async function insertProfileIfMissing(
  trx: Kysely<Database>,
  row: Insertable<ResponderProfilesTable>,
): Promise<void> {
  await trx
    .insertInto('responder_profiles')
    .values(row)
    .onConflict((conflict) => conflict.column('member_id').doNothing())
    .execute();
}

export async function updateProfile(
  trx: Kysely<Database>,
  memberId: string,
  patch: Updateable<ResponderProfilesTable>,
): Promise<void> {
  await trx.updateTable('responder_profiles').set(patch).where('member_id', '=', memberId).execute();
}

export async function isPhoneIndexTakenByOther(db: Kysely<Database>, phoneIndex: string, memberId: string) {
  const row = await db
    .selectFrom('responder_profiles')
    .select('member_id')
    .where('sms_phone_index', '=', phoneIndex)
    .where('member_id', '!=', memberId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function findProfileByPhoneIndex(db: Kysely<Database>, phoneIndex: string) {
  return db
    .selectFrom('responder_profiles')
    .selectAll()
    .where('sms_phone_index', '=', phoneIndex)
    .executeTakeFirst();
}

/** Forgets every shared location past its expiry (a recurring job); returns how many. */
export async function clearExpiredLocations(db: Kysely<Database>, now: number): Promise<number> {
  const result = await db
    .updateTable('responder_profiles')
    .set({ location_lat: null, location_lon: null, location_updated_at: null, location_expires_at: null })
    .where('location_expires_at', '<=', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The member, if they hold a responder grant in the network (any status but removed). */
export async function findResponderMember(
  db: Kysely<Database>,
  networkId: string,
  memberId: string,
): Promise<ResponderMemberRow | undefined> {
  return findMemberHoldingRole(db, { networkId, memberId, role: 'responder' });
}

/**
 * A page of the roster in member-id order: members holding a responder grant network-wide or in
 * one of `areaIds` ('all': any grant), with their profile if they have made one. One statement:
 * the members module's `membersHoldingRole` is joined as a derived table.
 */
export async function listRosterPage(
  db: Kysely<Database>,
  input: {
    networkId: string;
    areaIds: 'all' | string[];
    afterMemberId?: string;
    limit: number;
    onCallOnly: boolean;
  },
) {
  const responders = membersHoldingRole(db, {
    networkId: input.networkId,
    role: 'responder',
    areaIds: input.areaIds,
  }).as('m');
  let query = db
    .selectFrom(responders)
    .leftJoin('responder_profiles', 'responder_profiles.member_id', 'm.id')
    .select([
      'm.id',
      'm.display_name_enc',
      'm.status',
      'm.languages',
      'responder_profiles.is_on_call',
      'responder_profiles.on_call_windows',
      'responder_profiles.location_lat',
      'responder_profiles.location_lon',
      'responder_profiles.location_updated_at',
      'responder_profiles.location_expires_at',
      'responder_profiles.sms_phone_index',
    ])
    .orderBy('m.id')
    .limit(input.limit);
  if (input.afterMemberId) query = query.where('m.id', '>', input.afterMemberId);
  if (input.onCallOnly) {
    query = query.where((eb) =>
      eb.or([eb('responder_profiles.is_on_call', '=', 1), eb('responder_profiles.has_windows', '=', 1)]),
    );
  }
  return query.execute();
}

/** Responder grants of these members: area id, or null for the whole network. */
export async function listResponderGrants(db: Kysely<Database>, memberIds: readonly string[]) {
  return listRoleGrantsOf(db, memberIds, 'responder');
}

/** How many vettings each of these members has (the members module counts them). */
export const countVettingsOf = countVettingsOfMembers;

export async function listTrainingsOf(
  db: Kysely<Database>,
  memberIds: readonly string[],
): Promise<TrainingRow[]> {
  if (memberIds.length === 0) return [];
  return db
    .selectFrom('responder_trainings')
    .selectAll()
    .where('member_id', 'in', memberIds)
    .orderBy('completed_on')
    .execute();
}

export async function replaceTrainings(
  trx: Kysely<Database>,
  memberId: string,
  rows: ResponderTrainingsTable[],
) {
  await trx.deleteFrom('responder_trainings').where('member_id', '=', memberId).execute();
  if (rows.length > 0) await trx.insertInto('responder_trainings').values(rows).execute();
}

/**
 * Responders whose shared location expires before `until` and who have not been reminded since
 * they last shared it, marked reminded in the same statement's transaction (one reminder each).
 */
export async function claimLocationReminders(
  db: Kysely<Database>,
  now: number,
  until: number,
): Promise<{ member_id: string; push_subscription_enc: string | null }[]> {
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('responder_profiles')
      .select(['member_id', 'push_subscription_enc'])
      .where('location_expires_at', '>', now)
      .where('location_expires_at', '<=', until)
      .where('push_subscription_enc', 'is not', null)
      .where((where) =>
        where.or([
          where('location_reminded_at', 'is', null),
          where('location_reminded_at', '<', where.ref('location_updated_at')),
        ]),
      )
      .execute();
    if (due.length === 0) return [];
    await trx
      .updateTable('responder_profiles')
      .set({ location_reminded_at: now })
      .where(
        'member_id',
        'in',
        due.map((row) => row.member_id),
      )
      .execute();
    return due;
  });
}
