import type { Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { Database } from '../../platform/database/schema.ts';
import type { ResponderProfilesTable, ResponderTrainingsTable } from './responder.tables.ts';

type Executor = Kysely<Database> | Transaction<Database>;
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

export async function findProfile(db: Executor, memberId: string): Promise<ResponderProfileRow | undefined> {
  return db.selectFrom('responder_profiles').selectAll().where('member_id', '=', memberId).executeTakeFirst();
}

export async function insertProfileIfMissing(trx: Executor, row: ResponderProfilesTable): Promise<void> {
  await trx
    .insertInto('responder_profiles')
    .values(row)
    .onConflict((conflict) => conflict.column('member_id').doNothing())
    .execute();
}

export async function updateProfile(
  trx: Executor,
  memberId: string,
  patch: Updateable<ResponderProfilesTable>,
): Promise<void> {
  await trx.updateTable('responder_profiles').set(patch).where('member_id', '=', memberId).execute();
}

export async function isPhoneIndexTakenByOther(db: Executor, phoneIndex: string, memberId: string) {
  const row = await db
    .selectFrom('responder_profiles')
    .select('member_id')
    .where('sms_phone_index', '=', phoneIndex)
    .where('member_id', '!=', memberId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function findProfileByPhoneIndex(db: Executor, phoneIndex: string) {
  return db
    .selectFrom('responder_profiles')
    .selectAll()
    .where('sms_phone_index', '=', phoneIndex)
    .executeTakeFirst();
}

/** Forgets every shared location past its expiry (a recurring job); returns how many. */
export async function clearExpiredLocations(db: Executor, now: number): Promise<number> {
  const result = await db
    .updateTable('responder_profiles')
    .set({ location_lat: null, location_lon: null, location_updated_at: null, location_expires_at: null })
    .where('location_expires_at', '<=', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The member, if they hold a responder grant in the network (any status but removed). */
export async function findResponderMember(
  db: Executor,
  networkId: string,
  memberId: string,
): Promise<ResponderMemberRow | undefined> {
  return db
    .selectFrom('members')
    .select(['id', 'network_id', 'display_name_enc', 'status', 'languages'])
    .where('id', '=', memberId)
    .where('network_id', '=', networkId)
    .where('status', '!=', 'removed')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('member_roles')
          .select('member_roles.id')
          .whereRef('member_roles.member_id', '=', 'members.id')
          .where('member_roles.role', '=', 'responder'),
      ),
    )
    .executeTakeFirst();
}

/**
 * A page of the roster in member-id order: members holding a responder grant network-wide or in
 * one of `areaIds` ('all': any grant), with their profile if they have made one.
 */
export async function listRosterPage(
  db: Executor,
  input: {
    networkId: string;
    areaIds: 'all' | string[];
    afterMemberId?: string;
    limit: number;
    onCallOnly: boolean;
  },
) {
  let query = db
    .selectFrom('members')
    .leftJoin('responder_profiles', 'responder_profiles.member_id', 'members.id')
    .select([
      'members.id',
      'members.display_name_enc',
      'members.status',
      'members.languages',
      'responder_profiles.is_on_call',
      'responder_profiles.on_call_windows',
      'responder_profiles.location_lat',
      'responder_profiles.location_lon',
      'responder_profiles.location_updated_at',
      'responder_profiles.location_expires_at',
      'responder_profiles.sms_phone_index',
    ])
    .where('members.network_id', '=', input.networkId)
    .where('members.status', '!=', 'removed')
    .where((eb) => {
      let grants = eb
        .selectFrom('member_roles')
        .select('member_roles.id')
        .whereRef('member_roles.member_id', '=', 'members.id')
        .where('member_roles.role', '=', 'responder');
      if (input.areaIds !== 'all') {
        const areaIds = input.areaIds;
        grants = grants.where((inner) =>
          areaIds.length === 0
            ? inner('member_roles.area_id', 'is', null)
            : inner.or([
                inner('member_roles.area_id', 'is', null),
                inner('member_roles.area_id', 'in', areaIds),
              ]),
        );
      }
      return eb.exists(grants);
    })
    .orderBy('members.id')
    .limit(input.limit);
  if (input.afterMemberId) query = query.where('members.id', '>', input.afterMemberId);
  if (input.onCallOnly) {
    query = query.where((eb) =>
      eb.or([eb('responder_profiles.is_on_call', '=', 1), eb('responder_profiles.has_windows', '=', 1)]),
    );
  }
  return query.execute();
}

/** Responder grants of these members: area id, or null for the whole network. */
export async function listResponderGrants(db: Executor, memberIds: readonly string[]) {
  if (memberIds.length === 0) return [];
  return db
    .selectFrom('member_roles')
    .select(['member_id', 'area_id'])
    .where('member_id', 'in', memberIds)
    .where('role', '=', 'responder')
    .execute();
}

export async function countVettingsOf(db: Executor, memberIds: readonly string[]) {
  if (memberIds.length === 0) return [];
  return db
    .selectFrom('member_vettings')
    .select(['member_id', (eb) => eb.fn.countAll<number>().as('count')])
    .where('member_id', 'in', memberIds)
    .groupBy('member_id')
    .execute();
}

export async function listTrainingsOf(db: Executor, memberIds: readonly string[]): Promise<TrainingRow[]> {
  if (memberIds.length === 0) return [];
  return db
    .selectFrom('responder_trainings')
    .selectAll()
    .where('member_id', 'in', memberIds)
    .orderBy('completed_on')
    .execute();
}

export async function replaceTrainings(trx: Executor, memberId: string, rows: ResponderTrainingsTable[]) {
  await trx.deleteFrom('responder_trainings').where('member_id', '=', memberId).execute();
  if (rows.length > 0) await trx.insertInto('responder_trainings').values(rows).execute();
}
