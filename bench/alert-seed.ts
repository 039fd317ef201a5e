import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import { zipArea } from '../server/modules/alerting/subscriptions/subscription-areas.ts';
import { contactIndexOf, subscriberContactContext } from '../server/modules/alerting/subscriptions/index.ts';
import type { PlatformContext } from '../server/platform/context.ts';
import { boundingBoxAround } from '../server/platform/geo/index.ts';
import { newId } from '../server/platform/ids/ids.ts';

/** Where the non-matching circles sit: Lakeview, about 11 km north of the alert, 1.5 km wide. */
const farPoint = { lat: 41.9436, lon: -87.6564 };
const radiusMeters = 1500;

export interface SubscriberSeed {
  networkId: string;
  /** Subscribers whose area contains the alert's point: every `total / matching`-th row. */
  matching: number;
  others: number;
  point: { lat: number; lon: number };
  zip: string;
  farZip: string;
}

/**
 * Seeds `matching + others` active subscribers with one area each, in two INSERT ... SELECT
 * statements generated inside the database (a recursive CTE on SQLite, generate_series on
 * PostgreSQL), in one transaction. Matching subscribers are spread evenly through the table
 * (every k-th row), half by the alert's ZIP and half by a circle around its point; the others
 * half by a far ZIP and half by a far circle, so the planner's circle phase has to skip them.
 *
 * What the rows hold: ids shaped like the app's UUIDv7 (time prefix, then a counter), channels
 * and languages in rotation, and for `contact_enc` a genuine envelope (AES-GCM under the field
 * key) of one placeholder contact per channel, encrypted once: the planner reads only id,
 * channel, language and the areas, never the contact. `contact_index` is a synthetic unique
 * string of a real blind index's length (the unique constraint still has to be maintained).
 */
export async function seedSubscribers(
  context: Pick<PlatformContext, 'database' | 'crypto' | 'clock'>,
  input: SubscriberSeed,
): Promise<void> {
  const { db, dialect } = context.database;
  const total = input.matching + input.others;
  const every = Math.max(1, Math.round(total / input.matching));
  const now = context.clock.now();
  const envelopes = {
    sms: context.crypto.encrypt('+17735550100', subscriberContactContext),
    push: context.crypto.encrypt(
      JSON.stringify({ endpoint: 'https://push.example.test/bench', keys: { p256dh: 'x', auth: 'y' } }),
      subscriberContactContext,
    ),
    email: context.crypto.encrypt('bench@example.test', subscriberContactContext),
  };
  const indexLength = contactIndexOf(context.crypto, 'sms', '+17735550100').length;
  const prefix = newId().slice(0, 24); // time-ordered like the app's ids, then a 12-hex counter
  const areaPrefix = newId().slice(0, 23) + (prefix[23] === 'a' ? 'b' : 'a');
  const near = boundingBoxAround(input.point, radiusMeters);
  const far = boundingBoxAround(farPoint, radiusMeters);
  const zip = zipArea(input.zip);
  const farZip = zipArea(input.farZip);
  const isPostgres = dialect === 'postgres';
  const hex = (column: RawBuilder<unknown>) =>
    isPostgres ? sql`lpad(to_hex(${column}), 12, '0')` : sql`printf('%012x', ${column})`;
  const n = sql.ref('n');
  const series = isPostgres
    ? sql`select n from generate_series(0, ${total - 1}::bigint) as n`
    : sql`with recursive series(n) as (select 0 union all select n + 1 from series where n < ${total - 1}) select n from series`;
  // Integer division in both dialects (n is an integer).
  const isMatching = sql`(${n} % ${every} = 0)`;
  const isCircle = sql`((${n} / ${every}) % 2 = 1)`;
  const pick = (ifMatchingCircle: unknown, ifMatchingZip: unknown, ifFarCircle: unknown, ifFarZip: unknown) =>
    sql`case when ${isMatching} then (case when ${isCircle} then ${ifMatchingCircle} else ${ifMatchingZip} end) else (case when ${isCircle} then ${ifFarCircle} else ${ifFarZip} end) end`;
  const cast = (value: unknown, type: 'double precision' | 'integer' | 'text') =>
    isPostgres ? sql`cast(${value} as ${sql.raw(type)})` : sql`${value}`;
  const nullOf = (type: 'double precision' | 'integer' | 'text') =>
    isPostgres ? sql`cast(null as ${sql.raw(type)})` : sql`null`;
  const indexPad = Math.max(0, indexLength - 'bench-'.length - 12);

  // SQLite: a page cache big enough to hold the load (the default 2 MB spills the one big
  // transaction to the WAL page by page); put back afterwards, so the planner runs as configured.
  const cacheSize = isPostgres
    ? null
    : (await sql<{ cache_size: number }>`pragma cache_size`.execute(db)).rows[0];
  if (cacheSize) await sql`pragma cache_size = -1048576`.execute(db);
  await db.transaction().execute(async (trx) => {
    if (isPostgres) {
      // Bulk-load settings for this transaction only: the rows reference each other correctly by
      // construction, so the per-row foreign-key triggers are skipped, and the one commit need
      // not wait for its WAL flush.
      await sql`set local session_replication_role = replica`.execute(trx);
      await sql`set local synchronous_commit = off`.execute(trx);
    }
    await sql`insert into subscribers (id, network_id, channel, contact_enc, contact_index, language,
        preference, status, is_exercise_recipient, pending_settings, confirmation_hash,
        confirmation_expires_at, created_at, updated_at, confirmed_at, unsubscribed_at)
      select ${prefix} || ${hex(n)}, ${input.networkId},
        case ${n} % 3 when 0 then 'sms' when 1 then 'push' else 'email' end,
        case ${n} % 3 when 0 then ${envelopes.sms} when 1 then ${envelopes.push} else ${envelopes.email} end,
        ${'bench-' + 'x'.repeat(indexPad)} || ${hex(n)},
        case (${n} / 3) % 3 when 0 then 'en' when 1 then 'es' else 'ar' end,
        'urgent', 'active', 0, null, null, null, ${now}, ${now}, ${now}, null
      from (${series}) as numbers`.execute(trx);
    await sql`insert into subscriber_areas (id, subscriber_id, network_id, kind, zip, lat, lon,
        radius_meters, min_lat, min_lon, max_lat, max_lon, created_at)
      select ${areaPrefix} || ${hex(n)}, ${prefix} || ${hex(n)}, ${input.networkId},
        ${pick('circle', 'zip', 'circle', 'zip')},
        ${pick(nullOf('text'), cast(zip.zip, 'text'), nullOf('text'), cast(farZip.zip, 'text'))},
        ${pick(cast(input.point.lat, 'double precision'), nullOf('double precision'), cast(farPoint.lat, 'double precision'), nullOf('double precision'))},
        ${pick(cast(input.point.lon, 'double precision'), nullOf('double precision'), cast(farPoint.lon, 'double precision'), nullOf('double precision'))},
        ${pick(cast(radiusMeters, 'integer'), nullOf('integer'), cast(radiusMeters, 'integer'), nullOf('integer'))},
        ${pick(cast(near.minLat, 'double precision'), cast(zip.min_lat, 'double precision'), cast(far.minLat, 'double precision'), cast(farZip.min_lat, 'double precision'))},
        ${pick(cast(near.minLon, 'double precision'), cast(zip.min_lon, 'double precision'), cast(far.minLon, 'double precision'), cast(farZip.min_lon, 'double precision'))},
        ${pick(cast(near.maxLat, 'double precision'), cast(zip.max_lat, 'double precision'), cast(far.maxLat, 'double precision'), cast(farZip.max_lat, 'double precision'))},
        ${pick(cast(near.maxLon, 'double precision'), cast(zip.max_lon, 'double precision'), cast(far.maxLon, 'double precision'), cast(farZip.max_lon, 'double precision'))},
        ${now}
      from (${series}) as numbers`.execute(trx);
  });
  if (cacheSize) await sql.raw(`pragma cache_size = ${Number(cacheSize.cache_size)}`).execute(db);
  // As autovacuum would soon after a bulk load; the app never runs ANALYZE on SQLite, so neither do we.
  if (isPostgres) await sql`analyze subscribers, subscriber_areas`.execute(db);
}
