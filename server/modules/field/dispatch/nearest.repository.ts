import { sql } from 'kysely';
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import type { BoundingBox, LatLon } from '../../../platform/geo/index.ts';
import { activeMembersHoldingRole } from '../../identity/index.ts';
import { responderAvailability } from '../responders/index.ts';
import { activeOfferStatuses } from './dispatch.tables.ts';

type ProfileColumns = Pick<Database['responder_profiles'], 'member_id' | 'is_on_call' | 'has_windows'>;
type ProfileScope = ExpressionBuilder<Database & { p: ProfileColumns }, 'p'>;

export interface CandidateFilter {
  networkId: string;
  now: number;
  /** Areas containing the incident: a responder grant limited to one of them covers it. */
  areaIds: readonly string[];
  /** Leave out responders who already had an offer for this incident (escalation). */
  excludeIncidentId?: string;
}

export interface CandidateRow {
  member_id: string;
  location_lat: number | null;
  location_lon: number | null;
  is_on_call: number;
  on_call_windows: string;
  languages: string;
}

/**
 * Eligible responders, before the on-call windows (evaluated in the network's time zone) are
 * checked: vetted (active) members whose responder grant covers the incident (the members
 * module's `activeMembersHoldingRole`, joined in `baseQuery`), who may be on call (toggle on or
 * some window), and who hold no live offer.
 */
function eligible(eb: ProfileScope, filter: CandidateFilter) {
  const busy = eb
    .selectFrom('dispatch_offers')
    .select('dispatch_offers.id')
    .whereRef('dispatch_offers.responder_member_id', '=', 'p.member_id')
    .where('dispatch_offers.status', 'in', activeOfferStatuses);
  const conditions = [
    eb.or([eb('p.is_on_call', '=', 1), eb('p.has_windows', '=', 1)]),
    eb.not(eb.exists(busy)),
  ];
  if (filter.excludeIncidentId) {
    const offeredBefore = eb
      .selectFrom('dispatch_offers')
      .select('dispatch_offers.id')
      .whereRef('dispatch_offers.responder_member_id', '=', 'p.member_id')
      .where('dispatch_offers.incident_id', '=', filter.excludeIncidentId);
    conditions.push(eb.not(eb.exists(offeredBefore)));
  }
  return eb.and(conditions);
}

/**
 * The network's responder profiles (the responders module's `responderAvailability`) joined, in
 * one statement, with the members who may take this incident.
 */
function baseQuery(db: Kysely<Database>, filter: CandidateFilter) {
  const coveredMembers = activeMembersHoldingRole(db, {
    networkId: filter.networkId,
    role: 'responder',
    areaIds: filter.areaIds,
  }).as('m');
  return db
    .selectFrom(responderAvailability(db, filter.networkId).as('p'))
    .innerJoin(coveredMembers, 'm.id', 'p.member_id')
    .select([
      'p.member_id',
      'p.location_lat',
      'p.location_lon',
      'p.is_on_call',
      'p.on_call_windows',
      'm.languages',
    ]);
}

/**
 * Eligible responders with a current location inside `box`, nearest first by an equirectangular
 * estimate (exact distances are computed by the caller). The box range uses the location index.
 */
export async function selectLocatedCandidates(
  db: Kysely<Database>,
  filter: CandidateFilter & { box: BoundingBox; center: LatLon; limit: number; language?: string },
): Promise<CandidateRow[]> {
  const { box, center } = filter;
  const lonScale = Math.cos((center.lat * Math.PI) / 180);
  let query = baseQuery(db, filter);
  if (filter.language) {
    // Languages are a JSON array of BCP 47 tags: match the base language, any region.
    const base = filter.language.toLowerCase().split('-')[0] ?? '';
    query = query.where((eb) =>
      eb.or([eb('m.languages', 'like', `%"${base}"%`), eb('m.languages', 'like', `%"${base}-%`)]),
    );
  }
  return query
    .where('p.location_lat', '>=', box.minLat)
    .where('p.location_lat', '<=', box.maxLat)
    .where('p.location_lon', '>=', box.minLon)
    .where('p.location_lon', '<=', box.maxLon)
    .where('p.location_expires_at', '>', filter.now)
    .where((eb) => eligible(eb, filter))
    .orderBy(
      sql`(p.location_lat - ${center.lat}) * (p.location_lat - ${center.lat}) + (p.location_lon - ${center.lon}) * (p.location_lon - ${center.lon}) * ${lonScale * lonScale}`,
    )
    .orderBy('p.member_id')
    .limit(filter.limit)
    .execute();
}

/** Eligible responders who share no current location (ranked after located ones). */
export async function selectUnlocatedCandidates(
  db: Kysely<Database>,
  filter: CandidateFilter & { limit: number },
): Promise<CandidateRow[]> {
  return baseQuery(db, filter)
    .where((eb) =>
      eb.or([eb('p.location_expires_at', 'is', null), eb('p.location_expires_at', '<=', filter.now)]),
    )
    .where((eb) => eligible(eb, filter))
    .orderBy('p.member_id')
    .limit(filter.limit)
    .execute();
}
