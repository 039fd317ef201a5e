import type { Kysely, Selectable, Updateable } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import { activeOfferStatuses } from './dispatch.tables.ts';
import type { DispatchOffersTable, OfferStatus } from './dispatch.tables.ts';

export type OfferRow = Selectable<DispatchOffersTable>;

/**
 * Inserts the offer unless the responder already holds a live one: the unique partial index
 * decides, so of two dispatchers racing for one responder exactly one wins, on both dialects
 * (PostgreSQL makes the second insert wait for the first transaction, then skip). Returns
 * whether this insert won.
 */
export async function insertOfferIfResponderFree(
  trx: Kysely<Database>,
  row: DispatchOffersTable,
): Promise<boolean> {
  const result = await trx
    .insertInto('dispatch_offers')
    .values(row)
    .onConflict((conflict) => conflict.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function findOfferById(db: Kysely<Database>, id: string): Promise<OfferRow | undefined> {
  return db.selectFrom('dispatch_offers').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Changes the offer only if its status is one of `from` (compare-and-set), and, with
 * `unexpiredAt`, only while it has not expired. Returns whether this call won.
 */
export async function updateOfferIfStatus(
  trx: Kysely<Database>,
  id: string,
  from: readonly OfferStatus[],
  patch: Updateable<DispatchOffersTable>,
  options: { unexpiredAt?: number; outcomeUnset?: boolean } = {},
): Promise<boolean> {
  let query = trx.updateTable('dispatch_offers').set(patch).where('id', '=', id).where('status', 'in', from);
  if (options.unexpiredAt !== undefined) query = query.where('expires_at', '>', options.unexpiredAt);
  if (options.outcomeUnset) query = query.where('outcome', 'is', null);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function listOffersOfIncident(db: Kysely<Database>, incidentId: string): Promise<OfferRow[]> {
  return db
    .selectFrom('dispatch_offers')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('offered_at')
    .orderBy('id')
    .execute();
}

export async function listOffersOfResponder(
  db: Kysely<Database>,
  memberId: string,
  limit: number,
): Promise<OfferRow[]> {
  return db
    .selectFrom('dispatch_offers')
    .selectAll()
    .where('responder_member_id', '=', memberId)
    .orderBy('offered_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** The responder's live offer still waiting for an answer, if its code matches. */
export async function findPendingOfferByCode(db: Kysely<Database>, memberId: string, code: string) {
  return db
    .selectFrom('dispatch_offers')
    .selectAll()
    .where('responder_member_id', '=', memberId)
    .where('status', '=', 'offered')
    .where('code', '=', code)
    .executeTakeFirst();
}

/** Whether someone has accepted the incident and is (or was) working it. */
export async function hasWorkingOffer(db: Kysely<Database>, incidentId: string): Promise<boolean> {
  const row = await db
    .selectFrom('dispatch_offers')
    .select('id')
    .where('incident_id', '=', incidentId)
    .where('status', 'in', ['accepted', 'en_route', 'on_scene', 'done'])
    .executeTakeFirst();
  return row !== undefined;
}

export async function countOffersOfIncident(db: Kysely<Database>, incidentId: string): Promise<number> {
  const row = await db
    .selectFrom('dispatch_offers')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('incident_id', '=', incidentId)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

export async function findActiveOfferOf(
  db: Kysely<Database>,
  memberId: string,
): Promise<OfferRow | undefined> {
  return db
    .selectFrom('dispatch_offers')
    .selectAll()
    .where('responder_member_id', '=', memberId)
    .where('status', 'in', activeOfferStatuses)
    .executeTakeFirst();
}
