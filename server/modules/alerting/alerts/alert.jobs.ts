import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import type { PlatformContext } from '../../../platform/context.ts';
import { defineJob, enqueueJob } from '../../../platform/jobs/index.ts';
import type { JobContext, JobDefinition } from '../../../platform/jobs/index.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import {
  recordEmailBounce,
  recordSmsStopFromProvider,
  resetEmailBounces,
  updateSubscriber,
} from '../subscriptions/index.ts';
import { planJobName } from './alert-approval.service.ts';
import { deliveryJobNames, planAlert } from './alert-planner.service.ts';
import type { DeliveryChannel } from './alert.tables.ts';
import { claimDelivery, enqueueDeliveryAt, reconcileDelayMs, smsRateKeys } from './delivery-claim.service.ts';
import type { ClaimedReconcile, ClaimedSend, DeliveryDeps } from './delivery-claim.service.ts';
import { recordChannelAnswer } from './delivery-breaker.service.ts';
import { deliveryExpiresAt, retryDelayMs } from './delivery-retry.ts';
import { createHandOffPacer } from './delivery-pacer.ts';
import type { HandOffPacer } from './delivery-pacer.ts';
import { listHeldDeliveries, transitionDelivery } from './delivery.repository.ts';
import { sendClaimed, smsBodyOf } from './delivery-send.ts';
import type { SendOutcome } from './delivery-send.ts';
import type { Senders } from '../../../platform/senders.ts';
import { isStopSwitchOn, resumeHeldJobName } from './stop-switch.service.ts';

const deliveryPayload = z.object({ deliveryId: z.string().min(1).max(64) });

/** The alerts module's jobs, with the process's senders (server/jobs.ts lists them). */
export function createAlertJobs(context: PlatformContext): JobDefinition[] {
  const pacer = createHandOffPacer();
  const deps = (job: JobContext): DeliveryDeps => ({
    db: job.db,
    dialect: job.dialect,
    clock: job.clock,
    crypto: context.crypto,
    publicUrl: context.config.publicUrl,
    smsRatePerSecond: context.config.sms.ratePerSecond,
    retryCapMs: context.config.deliveryRetryCapMs,
    random: Math.random,
  });
  const deliveryJob = (channel: DeliveryChannel) =>
    defineJob({
      name: deliveryJobNames[channel],
      lane: channel,
      payload: deliveryPayload,
      // A run that fails throws only when the database is unreachable or the delivery is busy;
      // provider failures are retried by the delivery itself, until the alert expires.
      maxAttempts: 20,
      handle: (payload, job) =>
        deliver(deps(job), context.senders, pacer, payload.deliveryId, job, context.jobs),
    });
  return [
    defineJob({
      name: planJobName,
      lane: 'alerting',
      payload: z.object({ alertId: z.string().min(1).max(64) }),
      maxAttempts: 20,
      handle: (payload, job) =>
        planAlert(
          { db: job.db, dialect: job.dialect, clock: job.clock, jobs: context.jobs },
          payload.alertId,
          job.signal,
        ),
    }),
    deliveryJob('sms'),
    deliveryJob('push'),
    deliveryJob('email'),
    defineJob({
      name: resumeHeldJobName,
      lane: 'alerting',
      payload: z.object({ networkId: z.string().min(1).max(64) }),
      handle: (payload, job) => resumeHeldDeliveries(job, payload.networkId, context.jobs),
    }),
  ];
}

/** One delivery: claim (which may wait for an SMS slot), send or reconcile, record the outcome. */
async function deliver(
  deps: DeliveryDeps,
  senders: Senders,
  pacer: HandOffPacer,
  deliveryId: string,
  job: JobContext,
  waker: PlatformContext['jobs'],
): Promise<void> {
  let claim = await claimDelivery(deps, deliveryId, job.jobId);
  while (claim.action === 'wait') {
    await sleep(Math.max(0, claim.until - deps.clock.now()), undefined, { signal: job.signal });
    claim = await claimDelivery(deps, deliveryId, job.jobId);
  }
  if (claim.action === 'skip') return;
  if (claim.action === 'reconcile') {
    await reconcileUncertainSms(deps, claim, senders, job);
    waker.wake();
    return;
  }
  if (claim.delivery.channel === 'sms') await pacer.waitTurn(smsRateKeys(deps, claim.network, 'sent:'));
  let outcome: SendOutcome;
  try {
    outcome = await sendClaimed(claim, senders, deps.publicUrl);
  } catch (error) {
    // Not a provider answer (a bug, a malformed stored subscription): nothing was sent.
    job.logger.error(
      { error: error instanceof Error ? error.name : 'unknown' },
      'delivery failed before sending',
    );
    outcome = { kind: 'permanent', code: 'internal' };
  }
  await recordOutcome(deps, claim, outcome);
  waker.wake();
}

/**
 * Records a send's outcome, the channel's breaker and any follow-up in one transaction: a transient
 * failure is tried again after a back-off until the alert expires; an SMS without an answer is
 * reconciled with the provider's records before anything is resent; push and email without an
 * answer are resent (a push carries the same Topic, a mail the same Message-ID).
 */
async function recordOutcome(deps: DeliveryDeps, claim: ClaimedSend, outcome: SendOutcome): Promise<void> {
  const { delivery, alert, network } = claim;
  const now = deps.clock.now();
  const timing = { capMs: deps.retryCapMs, random: deps.random };
  await deps.db.transaction().execute(async (trx) => {
    await recordChannelAnswer(trx, {
      key: claim.channelKey,
      channel: delivery.channel,
      outcome,
      now,
      timing,
    });
    const base = { sending_until: null, updated_at: now, retry_at: null };
    const isRetry =
      outcome.kind === 'retryable' || (outcome.kind === 'ambiguous' && delivery.channel !== 'sms');
    if (outcome.kind === 'sent') {
      await transitionDelivery(trx, delivery, {
        ...base,
        status: 'sent',
        provider_message_id: outcome.providerMessageId,
        sent_at: now,
        error_code: null,
      });
      if (delivery.channel === 'email') await recordDelivered(trx, delivery, now);
    } else if (isRetry) {
      const retryAfterMs = outcome.kind === 'retryable' ? outcome.retryAfterMs : undefined;
      const retryAt = now + retryDelayMs(delivery.attempts, retryAfterMs, timing);
      if (retryAt >= deliveryExpiresAt(alert, network)) {
        await transitionDelivery(trx, delivery, { ...base, status: 'failed', error_code: 'expired' });
        return;
      }
      const isRecorded = await transitionDelivery(trx, delivery, {
        ...base,
        status: 'pending',
        slot_at: null,
        error_code: outcome.code,
        retry_at: retryAt,
      });
      if (isRecorded) await enqueueDeliveryAt(deps, trx, delivery.id, `retry${delivery.attempts}`, retryAt);
    } else if (outcome.kind === 'ambiguous') {
      const isRecorded = await transitionDelivery(trx, delivery, {
        ...base,
        status: 'uncertain',
        error_code: outcome.code,
      });
      if (isRecorded) await enqueueDeliveryAt(deps, trx, delivery.id, 'reconcile', now + reconcileDelayMs);
    } else {
      await transitionDelivery(trx, delivery, { ...base, status: 'failed', error_code: outcome.code });
      if (delivery.recipient_kind === 'subscriber') await recordRecipientRefusal(trx, delivery, outcome, now);
    }
  });
}

/** What a permanent refusal says about the subscriber: gone, stopped, or one more bounce. */
async function recordRecipientRefusal(
  trx: Kysely<Database>,
  delivery: ClaimedSend['delivery'],
  outcome: SendOutcome,
  now: number,
): Promise<void> {
  if (outcome.kind === 'gone') {
    await updateSubscriber(trx, delivery.recipient_id, {
      status: 'unsubscribed',
      unsubscribed_at: now,
      updated_at: now,
    });
  } else if (outcome.kind === 'stopped') {
    await recordSmsStopFromProvider(trx, delivery.recipient_id, now);
  } else if (outcome.kind === 'bounced') {
    await recordEmailBounce(trx, delivery.recipient_id, now);
  }
}

async function recordDelivered(
  trx: Kysely<Database>,
  delivery: ClaimedSend['delivery'],
  now: number,
): Promise<void> {
  if (delivery.recipient_kind === 'subscriber') await resetEmailBounces(trx, delivery.recipient_id, now);
}

/**
 * An SMS attempt got no answer: ask the provider (its Messages list) for a message with this
 * recipient and body. Found: it was sent, with its SID (so status callbacks match). Not found:
 * it is resent. The provider unreachable: asked again later. Never two copies.
 */
async function reconcileUncertainSms(
  deps: DeliveryDeps,
  claim: ClaimedReconcile,
  senders: Senders,
  job: JobContext,
): Promise<void> {
  const { delivery } = claim;
  if (!senders.sms?.findSent) return; // this provider cannot be asked: it stays uncertain
  const body = smsBodyOf(claim);
  if (body === null) return;
  let found;
  try {
    found = await senders.sms.findSent({ to: claim.contact, body, sentAfter: claim.attemptStartedAt });
  } catch (error) {
    job.logger.warn({ error: error instanceof Error ? error.message : 'unknown' }, 'reconciliation failed');
    const retryAt =
      deps.clock.now() + retryDelayMs(2, undefined, { capMs: deps.retryCapMs, random: deps.random });
    await deps.db
      .transaction()
      .execute((trx) => enqueueDeliveryAt(deps, trx, delivery.id, 'reconcile', retryAt));
    return;
  }
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    if (found) {
      await transitionDelivery(trx, delivery, {
        status: 'sent',
        provider_message_id: found.providerMessageId,
        sent_at: now,
        error_code: null,
        updated_at: now,
      });
      return;
    }
    const isRecorded = await transitionDelivery(trx, delivery, {
      status: 'pending',
      slot_at: null,
      error_code: 'reconciled_unsent',
      updated_at: now,
    });
    if (isRecorded) await enqueueDeliveryAt(deps, trx, delivery.id, 'resend', now);
  });
}

/** After the stop switch is turned off: every held delivery of the network goes out again. */
async function resumeHeldDeliveries(
  job: JobContext,
  networkId: string,
  waker: PlatformContext['jobs'],
): Promise<void> {
  // A cursor, not "until none is held": a delivery whose area is still stopped is held again by
  // its own job, and must not be resumed over and over by this one.
  let afterId = '';
  for (;;) {
    // Switched on again meanwhile: what is still held waits for the next resume.
    if (await isStopSwitchOn(job.db, networkId)) return;
    const held = await listHeldDeliveries(job.db, networkId, 500, afterId);
    if (held.length === 0) return;
    afterId = held[held.length - 1]!.id;
    await job.db.transaction().execute(async (trx) => {
      for (const delivery of held) {
        if (!(await transitionDelivery(trx, delivery, { status: 'pending', updated_at: job.clock.now() })))
          continue;
        const name = deliveryJobNames[delivery.channel];
        await enqueueJob(trx, job.clock, {
          name,
          payload: { deliveryId: delivery.id },
          idempotencyKey: `${name}:${delivery.id}:resumed:${job.jobId}`,
        });
      }
    });
    waker.wake();
  }
}
