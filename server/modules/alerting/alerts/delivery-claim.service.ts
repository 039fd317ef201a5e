import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../../../platform/clock/clock.ts';
import type { FieldCrypto } from '../../../platform/crypto/field-crypto.ts';
import type { DialectName } from '../../../platform/database/database.ts';
import type { Database } from '../../../platform/database/schema.ts';
import { enqueueJob, recordEffect } from '../../../platform/jobs/index.ts';
import { memberFieldContexts } from '../../identity/index.ts';
import { findNetworkById } from '../../identity/index.ts';
import type { Network } from '../../identity/index.ts';
import {
  findSubscriberById,
  isSmsOptedOut,
  subscriberContactContext,
  unsubscribePathFor,
} from '../subscriptions/index.ts';
import { findMemberContact } from './alert-sources.repository.ts';
import { findAlertById } from './alert.repository.ts';
import type { AlertDeliveriesTable, AlertsTable } from './alert.tables.ts';
import { deliveryJobNames } from './alert-planner.service.ts';
import {
  findDelivery,
  listEarlierThreadDeliveries,
  reserveSendSlot,
  takeSendTurn,
  transitionDelivery,
} from './delivery.repository.ts';
import type { RateKey } from './delivery.repository.ts';
import { isAnyAreaStopped, isStopSwitchOn } from './stop-switch.service.ts';
import { channelKeyOf, passChannelGate } from './delivery-breaker.service.ts';

/** An SMS whose slot is further away than this is re-queued for its slot instead of waited for. */
export const smsMaxWaitMs = 2_000;
/** How long a send may be in flight: the provider timeout (10 s) plus a margin. */
export const sendingLeaseMs = 20_000;

export interface DeliveryDeps {
  db: Kysely<Database>;
  dialect: DialectName;
  clock: Clock;
  crypto: FieldCrypto;
  publicUrl: string;
  smsRatePerSecond: number;
  /** Longest pause between retries of a transient failure (AMPARO_DELIVERY_RETRY_CAP_MS). */
  retryCapMs: number;
  random: () => number;
}

export interface ClaimedSend {
  action: 'send';
  delivery: AlertDeliveriesTable;
  alert: AlertsTable;
  network: Network;
  /** Phone, email address, or push subscription JSON: decrypted for this send only. */
  contact: string;
  unsubscribePath: string | null;
  /** The circuit breaker this send answers to (`channelKeyOf`). */
  channelKey: string;
}

/** An SMS whose earlier attempt got no answer: the provider is asked before anything is resent. */
export interface ClaimedReconcile extends Omit<ClaimedSend, 'action'> {
  action: 'reconcile';
  /** About when the unanswered attempt started. */
  attemptStartedAt: number;
}

export type Claim = { action: 'skip' } | { action: 'wait'; until: number } | ClaimedSend | ClaimedReconcile;

/** The delivery changed under us, or another worker is mid-send: try again a little later. */
export class DeliveryBusyError extends Error {
  override name = 'DeliveryBusyError';
}

const terminal = new Set(['sent', 'failed', 'suppressed']);

/** How long after an unanswered send the provider is asked about it (it lists a message quickly). */
export const reconcileDelayMs = 3_000;

/**
 * Decides, in one transaction, whether this delivery may be sent now and if so marks it
 * `sending` (attempts + 1, a lease) and records the attempt's effect key BEFORE the provider is
 * called. A delivery found still `sending` after its lease means a worker died between the call
 * and recording the result: it becomes `uncertain` and is reported, never blindly resent.
 */
export async function claimDelivery(deps: DeliveryDeps, deliveryId: string, jobId: string): Promise<Claim> {
  return deps.db.transaction().execute(async (trx): Promise<Claim> => {
    const now = deps.clock.now();
    const delivery = await findDelivery(trx, deliveryId);
    if (!delivery || terminal.has(delivery.status)) return { action: 'skip' };
    const move = async (changes: Partial<AlertDeliveriesTable>): Promise<void> => {
      if (!(await transitionDelivery(trx, delivery, { ...changes, updated_at: now }))) {
        throw new DeliveryBusyError('delivery changed meanwhile');
      }
      Object.assign(delivery, changes);
    };
    if (delivery.status === 'sending') {
      if ((delivery.sending_until ?? 0) > now)
        throw new DeliveryBusyError('delivery is being sent by another worker');
      await move({ status: 'uncertain', error_code: 'interrupted', sending_until: null });
      await enqueueDeliveryAt(deps, trx, delivery.id, 'reconcile', now + reconcileDelayMs);
      return { action: 'skip' };
    }
    const alert = await findAlertById(trx, delivery.alert_id);
    const network = alert ? await findNetworkById(trx, alert.network_id) : null;
    if (!alert || !network) {
      await move({ status: 'failed', error_code: 'alert_missing' });
      return { action: 'skip' };
    }
    if (delivery.status === 'uncertain' && delivery.channel === 'sms') {
      // Whatever happened since (a cancellation, an opt-out), first find out whether the earlier
      // attempt reached the provider: a cancellation must know who may have the alert.
      const recipient = await resolveRecipient(deps, trx, delivery, alert, network, true);
      if ('reason' in recipient) return { action: 'skip' };
      const channelKey = channelKeyOf(delivery.channel, recipient.contact);
      const attemptStartedAt = delivery.updated_at - sendingLeaseMs;
      return { action: 'reconcile', delivery, alert, network, ...recipient, channelKey, attemptStartedAt };
    }
    const isCancellation = alert.kind === 'cancellation';
    const lateReason = isCancellation
      ? null
      : alert.cancelled_at !== null
        ? 'cancelled'
        : alert.superseded_at !== null
          ? 'superseded'
          : null;
    if (lateReason) {
      await move({ status: 'suppressed', error_code: lateReason });
      return { action: 'skip' };
    }
    // The stop switches (the network's, and an area's after a retraction) hold everything but
    // cancellations: those only reach people who got the alert, and only lower alarm.
    if (
      !isCancellation &&
      ((await isStopSwitchOn(trx, network.id)) || (await isAnyAreaStopped(trx, network.id, alert)))
    ) {
      if (delivery.status !== 'held') await move({ status: 'held' });
      return { action: 'skip' };
    }
    const recipient = await resolveRecipient(deps, trx, delivery, alert, network);
    if ('reason' in recipient) {
      await move({ status: 'suppressed', error_code: recipient.reason });
      return { action: 'skip' };
    }
    if (alert.kind !== 'alert' && !(await settleEarlierMessages(trx, delivery, alert, now))) {
      await move({ status: 'suppressed', error_code: 'nothing_to_cancel' });
      return { action: 'skip' };
    }
    const channelKey = channelKeyOf(delivery.channel, recipient.contact);
    const gate = await passChannelGate(trx, channelKey, {
      now,
      probeLeaseMs: sendingLeaseMs,
      random: deps.random,
    });
    if (gate.action === 'wait') {
      // The provider is paused: wait as one channel, without holding a send slot meanwhile.
      await move({ retry_at: gate.until, slot_at: null });
      await enqueueDeliveryAt(deps, trx, delivery.id, 'paused', gate.until);
      return { action: 'skip' };
    }
    if (delivery.channel === 'sms') {
      if (delivery.slot_at === null) await move({ slot_at: await reserveSmsSlot(deps, trx, network, now) });
      const slotAt = delivery.slot_at ?? now;
      if (slotAt > now + smsMaxWaitMs) {
        const name = deliveryJobNames.sms;
        await enqueueJob(trx, deps.clock, {
          name,
          payload: { deliveryId: delivery.id },
          idempotencyKey: `${name}:${delivery.id}:${slotAt}`,
          runAt: slotAt,
        });
        return { action: 'skip' };
      }
      if (slotAt > now) return { action: 'wait', until: slotAt };
      // A slot in the past (the worker fell behind) must not mean "at once": the pace is kept
      // again at the moment the text leaves.
      const turnAt = await takeSendTurn(trx, deps.dialect, smsRateKeys(deps, network, 'sent:'), now);
      if (turnAt > now) return { action: 'wait', until: turnAt };
    }
    const attempt = delivery.attempts + 1;
    await move({ status: 'sending', attempts: attempt, sending_until: now + sendingLeaseMs, retry_at: null });
    const isFirstClaim = await recordEffect(trx, `alerts.delivery:${delivery.id}:${attempt}`, {
      jobId,
      clock: deps.clock,
    });
    if (!isFirstClaim) throw new DeliveryBusyError('attempt already recorded');
    return { action: 'send', delivery, alert, network, ...recipient, channelKey };
  });
}

/** Another run of this delivery's job at `runAt`; the key keeps one job per reason and time. */
export async function enqueueDeliveryAt(
  deps: Pick<DeliveryDeps, 'clock'>,
  trx: Kysely<Database>,
  deliveryId: string,
  reason: string,
  runAt: number,
): Promise<void> {
  const name = deliveryJobNames[(await findDelivery(trx, deliveryId))?.channel ?? 'sms'];
  await enqueueJob(trx, deps.clock, {
    name,
    payload: { deliveryId },
    idempotencyKey: `${name}:${deliveryId}:${reason}:${runAt}`,
    runAt,
  });
}

type ResolvedRecipient = { contact: string; unsubscribePath: string | null } | { reason: string };

async function resolveRecipient(
  deps: DeliveryDeps,
  trx: Transaction<Database>,
  delivery: AlertDeliveriesTable,
  alert: AlertsTable,
  network: Network,
  /** Reconciling an earlier attempt: the contact is needed even if the recipient left since. */
  isAnyStatus = false,
): Promise<ResolvedRecipient> {
  if (delivery.recipient_kind === 'member') {
    const member = await findMemberContact(trx, delivery.recipient_id);
    if (!member || member.network_id !== network.id || (member.status !== 'active' && !isAnyStatus))
      return { reason: 'recipient_gone' };
    if (alert.status === 'exercise' && member.is_exercise_recipient !== 1)
      return { reason: 'not_exercise_recipient' };
    return {
      contact: deps.crypto.decrypt(member.email_enc, memberFieldContexts.email),
      unsubscribePath: null,
    };
  }
  const subscriber = await findSubscriberById(trx, delivery.recipient_id);
  if (!subscriber || subscriber.network_id !== network.id) return { reason: 'recipient_gone' };
  if (isAnyStatus) {
    return {
      contact: deps.crypto.decrypt(subscriber.contact_enc, subscriberContactContext),
      unsubscribePath: null,
    };
  }
  if (subscriber.status !== 'active') return { reason: 'unsubscribed' };
  if (alert.status === 'exercise' && subscriber.is_exercise_recipient !== 1)
    return { reason: 'not_exercise_recipient' };
  if (delivery.channel === 'sms' && (await isSmsOptedOut(trx, network.id, subscriber.contact_index))) {
    return { reason: 'opted_out' };
  }
  return {
    contact: deps.crypto.decrypt(subscriber.contact_enc, subscriberContactContext),
    unsubscribePath: unsubscribePathFor(deps, network, subscriber.id),
  };
}

/**
 * Before a correction or cancellation goes to someone, earlier messages of the thread that have
 * not left yet are stopped (compare-and-set, so exactly one of "sent" or "stopped" wins). A
 * cancellation is only sent to someone who may have received the alert: false otherwise.
 */
async function settleEarlierMessages(
  trx: Transaction<Database>,
  delivery: AlertDeliveriesTable,
  alert: AlertsTable,
  now: number,
): Promise<boolean> {
  const earlier = await listEarlierThreadDeliveries(trx, {
    threadId: alert.thread_id,
    alertId: alert.id,
    recipientId: delivery.recipient_id,
    channel: delivery.channel,
    approvedAt: alert.approved_at ?? now,
  });
  let hasReachedRecipient = false;
  for (const previous of earlier) {
    if (previous.status === 'pending' || previous.status === 'held') {
      const reason = alert.kind === 'cancellation' ? 'cancelled' : 'superseded';
      const isStopped = await transitionDelivery(trx, previous, {
        status: 'suppressed',
        error_code: reason,
        updated_at: now,
      });
      if (!isStopped) throw new DeliveryBusyError('an earlier message changed meanwhile');
    } else if (
      previous.status === 'sent' ||
      previous.status === 'sending' ||
      previous.status === 'uncertain'
    ) {
      hasReachedRecipient = true;
    }
  }
  return alert.kind === 'correction' || hasReachedRecipient;
}

/** The account's rate and the network's own rate both apply: the slot is the later of the two. */
function reserveSmsSlot(
  deps: DeliveryDeps,
  trx: Transaction<Database>,
  network: Network,
  now: number,
): Promise<number> {
  return reserveSendSlot(trx, deps.dialect, smsRateKeys(deps, network, ''), now);
}

/** Slots (prefix '') order the queue; turns (prefix 'sent:') pace the texts as they are claimed to leave. */
export function smsRateKeys(deps: DeliveryDeps, network: Network, prefix: '' | 'sent:'): RateKey[] {
  return [
    { key: `${prefix}sms`, intervalMs: Math.ceil(1000 / deps.smsRatePerSecond) },
    { key: `${prefix}sms:${network.id}`, intervalMs: Math.ceil(1000 / network.settings.smsPerSecond) },
  ];
}
