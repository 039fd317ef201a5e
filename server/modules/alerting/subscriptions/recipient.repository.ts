import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import type { LatLon } from '../../../platform/geo/index.ts';
import { isPointInCircleArea } from './subscription-areas.ts';
import type { SubscriptionChannel } from './subscription.tables.ts';

export interface RecipientQuery {
  networkId: string;
  /** The ZIP an alert at `point` concerns (see zipOfPoint); null: no ZIP subscriber matches. */
  zip: string | null;
  point: LatLon;
  /** Exercises reach only subscribers flagged as exercise recipients. */
  isExerciseOnly: boolean;
  /** Updates and all-clears reach only subscribers who asked for them. */
  requiresUpdates: boolean;
}

export interface MatchingSubscriber {
  subscriberId: string;
  channel: SubscriptionChannel;
  language: string;
}

export type RecipientPhase = 'zip' | 'circle';

export interface RecipientPage {
  subscribers: MatchingSubscriber[];
  /** Keyset cursor for the next page; null when this phase is exhausted. */
  nextAfter: string | null;
}

/**
 * One page of active subscribers whose areas contain the point, in area-row order so the caller
 * can resume after a crash. ZIP areas match by ZIP code (indexed equality); circles by their
 * bounding box in SQL, then the exact distance here. A subscriber with two matching areas
 * appears twice: the caller's unique delivery key makes that harmless.
 */
export async function selectRecipientPage(
  db: Kysely<Database>,
  query: RecipientQuery,
  phase: RecipientPhase,
  after: string | null,
  limit: number,
): Promise<RecipientPage> {
  if (phase === 'zip' && query.zip === null) return { subscribers: [], nextAfter: null };
  let select = db
    .selectFrom('subscriber_areas as area')
    .innerJoin('subscribers as subscriber', 'subscriber.id', 'area.subscriber_id')
    .select([
      'area.id as areaId',
      'area.lat',
      'area.lon',
      'area.radius_meters',
      'subscriber.id as subscriberId',
      'subscriber.channel',
      'subscriber.language',
    ])
    .where('area.network_id', '=', query.networkId)
    .where('area.kind', '=', phase)
    .where('subscriber.status', '=', 'active');
  if (phase === 'zip') {
    select = select.where('area.zip', '=', query.zip);
  } else {
    select = select
      .where('area.min_lat', '<=', query.point.lat)
      .where('area.max_lat', '>=', query.point.lat)
      .where('area.min_lon', '<=', query.point.lon)
      .where('area.max_lon', '>=', query.point.lon);
  }
  if (query.isExerciseOnly) select = select.where('subscriber.is_exercise_recipient', '=', 1);
  if (query.requiresUpdates) select = select.where('subscriber.preference', '=', 'all');
  if (after !== null) select = select.where('area.id', '>', after);
  const rows = await select.orderBy('area.id').limit(limit).execute();
  const matching = phase === 'circle' ? rows.filter((row) => isPointInCircleArea(row, query.point)) : rows;
  return {
    subscribers: matching.map((row) => ({
      subscriberId: row.subscriberId,
      channel: row.channel,
      language: row.language,
    })),
    nextAfter: rows.length < limit ? null : (rows.at(-1)?.areaId ?? null),
  };
}

export interface RecipientCounts {
  byChannel: Record<SubscriptionChannel, number>;
  byLanguage: Record<string, number>;
}

/** Distinct matching subscribers per channel and language (the preview before approval). */
export async function countRecipients(db: Kysely<Database>, query: RecipientQuery): Promise<RecipientCounts> {
  const seen = new Set<string>();
  const counts: RecipientCounts = { byChannel: { sms: 0, push: 0, email: 0 }, byLanguage: {} };
  for (const phase of ['zip', 'circle'] as const) {
    let after: string | null = null;
    do {
      const page = await selectRecipientPage(db, query, phase, after, 5000);
      for (const subscriber of page.subscribers) {
        if (seen.has(subscriber.subscriberId)) continue;
        seen.add(subscriber.subscriberId);
        counts.byChannel[subscriber.channel] += 1;
        counts.byLanguage[subscriber.language] = (counts.byLanguage[subscriber.language] ?? 0) + 1;
      }
      after = page.nextAfter;
    } while (after !== null);
  }
  return counts;
}
