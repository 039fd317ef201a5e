import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import type { DialectName } from '../../../platform/database/database.ts';
import type { Database } from '../../../platform/database/schema.ts';
import { jobsChannel } from '../../../platform/jobs/job.repository.ts';
import type { AlertDeliveriesTable, DeliveryChannel, DeliveryStatus } from './alert.tables.ts';

/** Inserts a batch; rows whose (alert, recipient, channel) already exists are skipped. */
export async function insertDeliveries(
  trx: Kysely<Database>,
  rows: AlertDeliveriesTable[],
): Promise<{ id: string; channel: DeliveryChannel }[]> {
  if (rows.length === 0) return [];
  return trx
    .insertInto('alert_deliveries')
    .values(rows)
    .onConflict((conflict) => conflict.columns(['alert_id', 'recipient_id', 'channel']).doNothing())
    .returning(['id', 'channel'])
    .execute();
}

export async function findDelivery(
  db: Kysely<Database>,
  id: string,
): Promise<AlertDeliveriesTable | undefined> {
  return db.selectFrom('alert_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Compare-and-set on a delivery's status and attempt count: two workers (or a worker and a
 * cancellation) racing on one delivery cannot both win. True when this caller won.
 */
export async function transitionDelivery(
  db: Kysely<Database>,
  delivery: Pick<AlertDeliveriesTable, 'id' | 'status' | 'attempts'>,
  changes: Partial<AlertDeliveriesTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('alert_deliveries')
    .set(changes)
    .where('id', '=', delivery.id)
    .where('status', '=', delivery.status)
    .where('attempts', '=', delivery.attempts)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Deliveries of one alert after `after` (by id): the recipients a correction or cancellation reuses. */
export async function listDeliveriesOfAlert(
  db: Kysely<Database>,
  alertId: string,
  after: string | null,
  limit: number,
): Promise<Pick<AlertDeliveriesTable, 'id' | 'recipient_kind' | 'recipient_id' | 'channel' | 'language'>[]> {
  let query = db
    .selectFrom('alert_deliveries')
    .select(['id', 'recipient_kind', 'recipient_id', 'channel', 'language'])
    .where('alert_id', '=', alertId);
  if (after !== null) query = query.where('id', '>', after);
  return query.orderBy('id').limit(limit).execute();
}

/** The same recipient's deliveries of the other alerts of a thread approved before `approvedAt`. */
export async function listEarlierThreadDeliveries(
  db: Kysely<Database>,
  input: {
    threadId: string;
    alertId: string;
    recipientId: string;
    channel: DeliveryChannel;
    approvedAt: number;
  },
): Promise<AlertDeliveriesTable[]> {
  return (
    db
      .selectFrom('alert_deliveries as delivery')
      .innerJoin('alerts as alert', 'alert.id', 'delivery.alert_id')
      .selectAll('delivery')
      .where('alert.thread_id', '=', input.threadId)
      // Strictly earlier in approval order; within one millisecond, by (time-ordered) id.
      .where((eb) =>
        eb.or([
          eb('alert.approved_at', '<', input.approvedAt),
          eb.and([eb('alert.approved_at', '=', input.approvedAt), eb('alert.id', '<', input.alertId)]),
        ]),
      )
      .where('delivery.recipient_id', '=', input.recipientId)
      .where('delivery.channel', '=', input.channel)
      .execute()
  );
}

export interface DeliveryCount {
  channel: DeliveryChannel;
  status: DeliveryStatus;
  providerStatus: string | null;
  count: number;
}

export async function countDeliveries(db: Kysely<Database>, alertId: string): Promise<DeliveryCount[]> {
  const rows = await db
    .selectFrom('alert_deliveries')
    .select(['channel', 'status', 'provider_status', (eb) => eb.fn.countAll<number>().as('count')])
    .where('alert_id', '=', alertId)
    .groupBy(['channel', 'status', 'provider_status'])
    .execute();
  return rows.map((row) => ({
    channel: row.channel,
    status: row.status,
    providerStatus: row.provider_status,
    count: Number(row.count),
  }));
}

export async function findDeliveryByProviderId(
  db: Kysely<Database>,
  providerMessageId: string,
): Promise<Pick<AlertDeliveriesTable, 'id' | 'provider_status'> | undefined> {
  return db
    .selectFrom('alert_deliveries')
    .select(['id', 'provider_status'])
    .where('provider_message_id', '=', providerMessageId)
    .executeTakeFirst();
}

export async function updateProviderStatus(
  db: Kysely<Database>,
  id: string,
  changes: Pick<AlertDeliveriesTable, 'provider_status' | 'updated_at'> &
    Partial<Pick<AlertDeliveriesTable, 'error_code'>>,
): Promise<void> {
  await db.updateTable('alert_deliveries').set(changes).where('id', '=', id).execute();
}

/** Held deliveries of a network (stop switch), a page at a time, to be resumed. */
export async function listHeldDeliveries(
  db: Kysely<Database>,
  networkId: string,
  limit: number,
  afterId = '',
): Promise<Pick<AlertDeliveriesTable, 'id' | 'channel' | 'attempts' | 'status'>[]> {
  return db
    .selectFrom('alert_deliveries')
    .select(['id', 'channel', 'attempts', 'status'])
    .where('network_id', '=', networkId)
    .where('status', '=', 'held')
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/**
 * Reserves the next send slot under every key (GCRA: each key's `next_at` is the earliest time
 * its next message may go). Rows are locked in key order on PostgreSQL, so concurrent workers
 * queue up instead of sharing a slot; SQLite has one writer.
 */
export async function reserveSendSlot(
  trx: Transaction<Database>,
  dialect: DialectName,
  keys: readonly RateKey[],
  now: number,
): Promise<number> {
  const rows = await lockRateRows(trx, dialect, keys);
  const slot = Math.max(now, ...rows.map((row) => row.nextAt));
  await advanceRateRows(trx, keys, slot);
  return slot;
}

/**
 * The pace kept at the moment a message leaves: a token bucket of one per key. Returns `now`
 * and takes the turn when every key allows a send now; otherwise returns the moment the next
 * send is allowed and takes nothing, so a worker that waits and asks again cannot hold a turn
 * it does not use. Reserved slots order the queue; this is what keeps a second from carrying
 * more than the rate when a worker that fell behind finds many slots already in the past.
 */
export async function takeSendTurn(
  trx: Transaction<Database>,
  dialect: DialectName,
  keys: readonly RateKey[],
  now: number,
): Promise<number> {
  const rows = await lockRateRows(trx, dialect, keys);
  const allowedAt = Math.max(now, ...rows.map((row) => row.nextAt));
  if (allowedAt > now) return allowedAt;
  await advanceRateRows(trx, keys, now);
  return now;
}

export interface RateKey {
  key: string;
  intervalMs: number;
}

/** The rows of these keys, created at 0 when missing, locked (in key order) until the transaction ends. */
async function lockRateRows(
  trx: Transaction<Database>,
  dialect: DialectName,
  keys: readonly RateKey[],
): Promise<{ key: string; nextAt: number }[]> {
  const names = keys.map(({ key }) => key).sort((a, b) => a.localeCompare(b));
  await trx
    .insertInto('alert_send_rates')
    .values(names.map((key) => ({ key, next_at: 0 })))
    .onConflict((conflict) => conflict.column('key').doNothing())
    .execute();
  const rows =
    dialect === 'postgres'
      ? (
          await sql<{ key: string; next_at: number }>`select key, next_at from alert_send_rates
            where key in (${sql.join(names)}) order by key for update`.execute(trx)
        ).rows
      : await trx
          .selectFrom('alert_send_rates')
          .select(['key', 'next_at'])
          .where('key', 'in', names)
          .execute();
  return rows.map((row) => ({ key: row.key, nextAt: Number(row.next_at) }));
}

async function advanceRateRows(trx: Transaction<Database>, keys: readonly RateKey[], from: number) {
  for (const { key, intervalMs } of keys) {
    await trx
      .updateTable('alert_send_rates')
      .set({ next_at: from + intervalMs })
      .where('key', '=', key)
      .execute();
  }
}

/** How far ahead the send slots under these keys are already taken (ms from `now`). */
export async function sendBacklogMs(db: Kysely<Database>, keys: string[], now: number): Promise<number> {
  const rows = await db.selectFrom('alert_send_rates').select('next_at').where('key', 'in', keys).execute();
  return Math.max(0, ...rows.map((row) => Number(row.next_at) - now));
}

/** Recipients of an alert per channel (for the preview of a correction or cancellation). */
export async function countRecipientsOfAlert(
  db: Kysely<Database>,
  alertId: string,
): Promise<Record<DeliveryChannel, number>> {
  const rows = await db
    .selectFrom('alert_deliveries')
    .select(['channel', (eb) => eb.fn.countAll<number>().as('count')])
    .where('alert_id', '=', alertId)
    .groupBy('channel')
    .execute();
  const counts: Record<DeliveryChannel, number> = { sms: 0, push: 0, email: 0 };
  for (const row of rows) counts[row.channel] = Number(row.count);
  return counts;
}

/**
 * The bulk form of `enqueueJob` (platform/jobs/enqueue.ts) for the planner: the same row shape
 * and idempotency keys, written with one INSERT per batch and one NOTIFY instead of two
 * statements per job, which is what lets a 100,000-recipient alert be planned in seconds on
 * PostgreSQL. A candidate for the jobs platform itself.
 */
export async function enqueueDeliveryJobs(
  trx: Transaction<Database>,
  dialect: DialectName,
  jobs: { id: string; name: string; deliveryId: string; runAt: number; now: number }[],
): Promise<void> {
  if (jobs.length === 0) return;
  await trx
    .insertInto('jobs')
    .values(
      jobs.map((job) => ({
        id: job.id,
        name: job.name,
        payload: JSON.stringify({ deliveryId: job.deliveryId }),
        idempotency_key: `${job.name}:${job.deliveryId}`,
        status: 'pending' as const,
        run_at: job.runAt,
        attempts: 0,
        // 0 = the job definition's maxAttempts (definitionMaxAttempts in enqueue.ts).
        max_attempts: 0,
        locked_by: null,
        locked_until: null,
        last_error: null,
        created_at: job.now,
        finished_at: null,
      })),
    )
    .onConflict((conflict) => conflict.column('idempotency_key').doNothing())
    .execute();
  if (dialect === 'postgres') await sql`select pg_notify(${jobsChannel}, '')`.execute(trx);
}

export interface DeliveryStatusCount {
  channel: DeliveryChannel;
  status: DeliveryStatus;
  providerStatus: string | null;
  errorCode: string | null;
  isRetrying: boolean;
  count: number;
}

/** An alert's deliveries counted by channel, status, callback status, reason and retry. */
export async function countDeliveryStatuses(
  db: Kysely<Database>,
  alertId: string,
): Promise<DeliveryStatusCount[]> {
  const rows = await db
    .selectFrom('alert_deliveries')
    .select((eb) => [
      'channel',
      'status',
      'provider_status',
      'error_code',
      eb.case().when('retry_at', 'is not', null).then(1).else(0).end().as('is_retrying'),
      eb.fn.countAll<number>().as('count'),
    ])
    .where('alert_id', '=', alertId)
    .groupBy(['channel', 'status', 'provider_status', 'error_code', 'is_retrying'])
    .execute();
  return rows.map((row) => ({
    channel: row.channel,
    status: row.status,
    providerStatus: row.provider_status,
    errorCode: row.error_code,
    isRetrying: Number(row.is_retrying) === 1,
    count: Number(row.count),
  }));
}

/** What the delivery report shows of one delivery: no recipient, no contact. */
export type DeliveryReportRow = Pick<
  AlertDeliveriesTable,
  | 'id'
  | 'channel'
  | 'language'
  | 'status'
  | 'attempts'
  | 'error_code'
  | 'provider_status'
  | 'created_at'
  | 'sent_at'
  | 'updated_at'
>;

export async function listDeliveryReportRows(
  db: Kysely<Database>,
  alertId: string,
  after: string | null,
  limit: number,
): Promise<DeliveryReportRow[]> {
  let query = db
    .selectFrom('alert_deliveries')
    .select([
      'id',
      'channel',
      'language',
      'status',
      'attempts',
      'error_code',
      'provider_status',
      'created_at',
      'sent_at',
      'updated_at',
    ])
    .where('alert_id', '=', alertId);
  if (after !== null) query = query.where('id', '>', after);
  return query.orderBy('id').limit(limit).execute();
}
