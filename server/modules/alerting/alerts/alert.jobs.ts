import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import type { PlatformContext } from '../../../platform/context.ts';
import { defineJob, enqueueJob } from '../../../platform/jobs/index.ts';
import type { JobContext, JobDefinition } from '../../../platform/jobs/index.ts';
import { updateSubscriber } from '../subscriptions/index.ts';
import { planJobName } from './alert-approval.service.ts';
import { deliveryJobNames, planAlert } from './alert-planner.service.ts';
import type { DeliveryChannel } from './alert.tables.ts';
import { claimDelivery, smsRateKeys } from './delivery-claim.service.ts';
import type { ClaimedSend, DeliveryDeps } from './delivery-claim.service.ts';
import { createHandOffPacer } from './delivery-pacer.ts';
import type { HandOffPacer } from './delivery-pacer.ts';
import { listHeldDeliveries, transitionDelivery } from './delivery.repository.ts';
import { sendClaimed } from './delivery-send.ts';
import type { SendOutcome } from './delivery-send.ts';
import type { Senders } from '../../../platform/senders.ts';
import { readStopSwitch, resumeHeldJobName } from './stop-switch.service.ts';

/** Send attempts per delivery before it is reported failed (retries back off: 2 s, 4 s, 8 s, ...). */
export const maxSendAttempts = 5;

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
  });
  const deliveryJob = (channel: DeliveryChannel) =>
    defineJob({
      name: deliveryJobNames[channel],
      lane: channel,
      payload: deliveryPayload,
      maxAttempts: maxSendAttempts + 5,
      handle: (payload, job) => deliver(deps(job), context.senders, pacer, payload.deliveryId, job),
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

/** One delivery: claim (which may wait for an SMS slot), send, record the outcome. */
async function deliver(
  deps: DeliveryDeps,
  senders: Senders,
  pacer: HandOffPacer,
  deliveryId: string,
  job: JobContext,
): Promise<void> {
  let claim = await claimDelivery(deps, deliveryId, job.jobId);
  while (claim.action === 'wait') {
    await sleep(Math.max(0, claim.until - deps.clock.now()), undefined, { signal: job.signal });
    claim = await claimDelivery(deps, deliveryId, job.jobId);
  }
  if (claim.action === 'skip') return;
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
}

async function recordOutcome(deps: DeliveryDeps, claim: ClaimedSend, outcome: SendOutcome): Promise<void> {
  const { delivery } = claim;
  const now = deps.clock.now();
  const base = { sending_until: null, updated_at: now };
  const changes =
    outcome.kind === 'sent'
      ? {
          ...base,
          status: 'sent' as const,
          provider_message_id: outcome.providerMessageId,
          sent_at: now,
          error_code: null,
        }
      : outcome.kind === 'retryable' && delivery.attempts < maxSendAttempts
        ? { ...base, status: 'pending' as const, slot_at: null, error_code: outcome.code }
        : outcome.kind === 'ambiguous'
          ? { ...base, status: 'uncertain' as const, error_code: outcome.code }
          : { ...base, status: 'failed' as const, error_code: outcome.code };
  const isRecorded = await transitionDelivery(deps.db, delivery, changes);
  if (outcome.kind === 'gone' && delivery.recipient_kind === 'subscriber') {
    await updateSubscriber(deps.db, delivery.recipient_id, {
      status: 'unsubscribed',
      unsubscribed_at: now,
      updated_at: now,
    });
  }
  // Thrown so the job backs off and tries again; the delivery is `pending` again for that retry.
  if (isRecorded && changes.status === 'pending')
    throw new Error(`delivery attempt failed (${outcome.kind})`);
}

/** After the stop switch is turned off: every held delivery of the network goes out again. */
async function resumeHeldDeliveries(
  job: JobContext,
  networkId: string,
  waker: PlatformContext['jobs'],
): Promise<void> {
  for (;;) {
    // Switched on again meanwhile: what is still held waits for the next resume.
    if ((await readStopSwitch(job.db, networkId)).isStopped) return;
    const held = await listHeldDeliveries(job.db, networkId, 500);
    if (held.length === 0) return;
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
