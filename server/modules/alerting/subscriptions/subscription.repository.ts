import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import type { SubscriberAreasTable, SubscribersTable, SubscriptionChannel } from './subscription.tables.ts';

export async function findSubscriberByContact(
  db: Kysely<Database>,
  networkId: string,
  channel: SubscriptionChannel,
  contactIndex: string,
): Promise<SubscribersTable | undefined> {
  return db
    .selectFrom('subscribers')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('channel', '=', channel)
    .where('contact_index', '=', contactIndex)
    .executeTakeFirst();
}

export async function findSubscriberById(
  db: Kysely<Database>,
  id: string,
): Promise<SubscribersTable | undefined> {
  return db.selectFrom('subscribers').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findSubscriberByConfirmationHash(
  db: Kysely<Database>,
  networkId: string,
  confirmationHash: string,
): Promise<SubscribersTable | undefined> {
  return db
    .selectFrom('subscribers')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('confirmation_hash', '=', confirmationHash)
    .executeTakeFirst();
}

export async function insertSubscriber(trx: Kysely<Database>, row: SubscribersTable): Promise<void> {
  await trx.insertInto('subscribers').values(row).execute();
}

export async function updateSubscriber(
  trx: Kysely<Database>,
  id: string,
  changes: Partial<Omit<SubscribersTable, 'id' | 'network_id' | 'channel'>>,
): Promise<void> {
  await trx.updateTable('subscribers').set(changes).where('id', '=', id).execute();
}

/** Unsubscribes every SMS subscriber row of a number in a network. Returns how many changed. */
export async function unsubscribeByContact(
  trx: Kysely<Database>,
  input: { networkId: string; channel: SubscriptionChannel; contactIndex: string; now: number },
): Promise<number> {
  const result = await trx
    .updateTable('subscribers')
    .set({ status: 'unsubscribed', unsubscribed_at: input.now, updated_at: input.now })
    .where('network_id', '=', input.networkId)
    .where('channel', '=', input.channel)
    .where('contact_index', '=', input.contactIndex)
    .where('status', '!=', 'unsubscribed')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function listSubscriberAreas(
  db: Kysely<Database>,
  subscriberId: string,
): Promise<SubscriberAreasTable[]> {
  return db
    .selectFrom('subscriber_areas')
    .selectAll()
    .where('subscriber_id', '=', subscriberId)
    .orderBy('id')
    .execute();
}

export async function insertSubscriberAreas(
  trx: Kysely<Database>,
  rows: SubscriberAreasTable[],
): Promise<void> {
  if (rows.length === 0) return;
  await trx.insertInto('subscriber_areas').values(rows).execute();
}

export async function deleteSubscriberAreas(trx: Kysely<Database>, subscriberId: string): Promise<void> {
  await trx.deleteFrom('subscriber_areas').where('subscriber_id', '=', subscriberId).execute();
}

export async function insertSmsOptOut(
  trx: Kysely<Database>,
  row: { network_id: string; phone_index: string; created_at: number },
): Promise<void> {
  await trx
    .insertInto('sms_opt_outs')
    .values(row)
    .onConflict((conflict) => conflict.columns(['network_id', 'phone_index']).doNothing())
    .execute();
}

export async function deleteSmsOptOut(
  trx: Kysely<Database>,
  networkId: string,
  phoneIndex: string,
): Promise<void> {
  await trx
    .deleteFrom('sms_opt_outs')
    .where('network_id', '=', networkId)
    .where('phone_index', '=', phoneIndex)
    .execute();
}

export async function isSmsOptedOut(
  db: Kysely<Database>,
  networkId: string,
  phoneIndex: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('sms_opt_outs')
    .select('phone_index')
    .where('network_id', '=', networkId)
    .where('phone_index', '=', phoneIndex)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Deletes subscribers that never confirmed (an address someone typed, maybe a stranger's) and whose
 * last request is older than `cutoff`; they never received anything, so no delivery names them.
 */
export async function deleteNeverConfirmedSubscribers(db: Kysely<Database>, cutoff: number): Promise<number> {
  const stale = db
    .selectFrom('subscribers')
    .select('id')
    .where('status', '=', 'pending')
    .where('confirmed_at', 'is', null)
    .where('updated_at', '<', cutoff);
  await db.deleteFrom('subscriber_areas').where('subscriber_id', 'in', stale).execute();
  const result = await db
    .deleteFrom('subscribers')
    .where('status', '=', 'pending')
    .where('confirmed_at', 'is', null)
    .where('updated_at', '<', cutoff)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Forgets changes requested for confirmed subscribers that nobody confirmed before `cutoff`. */
export async function clearStalePendingSettings(db: Kysely<Database>, cutoff: number): Promise<number> {
  const result = await db
    .updateTable('subscribers')
    .set({ pending_settings: null, confirmation_hash: null, confirmation_expires_at: null })
    .where('pending_settings', 'is not', null)
    .where('updated_at', '<', cutoff)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * The SMS provider refused to text a subscriber because they replied STOP to the sender (Twilio
 * 21610): the number is recorded as opted out in the network and its subscriptions stop, as if
 * they had texted STOP to us.
 */
export async function recordSmsStopFromProvider(
  trx: Kysely<Database>,
  subscriberId: string,
  now: number,
): Promise<void> {
  const subscriber = await findSubscriberById(trx, subscriberId);
  if (!subscriber || subscriber.channel !== 'sms') return;
  await insertSmsOptOut(trx, {
    network_id: subscriber.network_id,
    phone_index: subscriber.contact_index,
    created_at: now,
  });
  await unsubscribeByContact(trx, {
    networkId: subscriber.network_id,
    channel: 'sms',
    contactIndex: subscriber.contact_index,
    now,
  });
}

/** Permanent SMTP refusals in a row after which an address is suspended instead of mailed again. */
export const bouncesBeforeSuspension = 3;

/** One more permanent refusal (SMTP 5xx); at `bouncesBeforeSuspension` the subscriber is suspended. */
export async function recordEmailBounce(
  trx: Kysely<Database>,
  subscriberId: string,
  now: number,
): Promise<void> {
  const subscriber = await findSubscriberById(trx, subscriberId);
  if (!subscriber) return;
  const bounces = subscriber.bounce_count + 1;
  await updateSubscriber(trx, subscriberId, {
    bounce_count: bounces,
    ...(bounces >= bouncesBeforeSuspension && subscriber.status === 'active' ? { status: 'suspended' } : {}),
    updated_at: now,
  });
}

/** A mail the server accepted: the bounces in a row start again from zero. */
export async function resetEmailBounces(
  trx: Kysely<Database>,
  subscriberId: string,
  now: number,
): Promise<void> {
  await trx
    .updateTable('subscribers')
    .set({ bounce_count: 0, updated_at: now })
    .where('id', '=', subscriberId)
    .where('bounce_count', '>', 0)
    .execute();
}

const finishedDeliveryStatuses = ['sent', 'failed', 'suppressed'] as const;

/**
 * Forgets subscribers who left (issue 15): their finished deliveries, their areas and the row
 * itself. An SMS number keeps only its blind-index entry in sms_opt_outs (written when they said
 * STOP), so STOP stays honored. A subscriber with a delivery still in flight waits for the next run.
 */
export async function deleteUnsubscribedSubscribers(db: Kysely<Database>): Promise<number> {
  const leavers = db.selectFrom('subscribers').select('id').where('status', '=', 'unsubscribed');
  await db
    .deleteFrom('alert_deliveries')
    .where('recipient_kind', '=', 'subscriber')
    .where('recipient_id', 'in', leavers)
    .where('status', 'in', finishedDeliveryStatuses)
    .execute();
  const done = db
    .selectFrom('subscribers')
    .select('id')
    .where('status', '=', 'unsubscribed')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('alert_deliveries')
            .select('alert_deliveries.id')
            .where('alert_deliveries.recipient_kind', '=', 'subscriber')
            .whereRef('alert_deliveries.recipient_id', '=', 'subscribers.id'),
        ),
      ),
    );
  await db.deleteFrom('subscriber_areas').where('subscriber_id', 'in', done).execute();
  const result = await db.deleteFrom('subscribers').where('id', 'in', done).executeTakeFirst();
  return Number(result.numDeletedRows);
}
