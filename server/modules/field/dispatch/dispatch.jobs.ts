import { z } from 'zod';
import type { PlatformContext } from '../../../platform/context.ts';
import { defineJob } from '../../../platform/jobs/index.ts';
import type { JobContext, JobDefinition } from '../../../platform/jobs/index.ts';
import { notifyDepsFrom } from './dispatch.deps.ts';
import type { NotifyDeps } from './dispatch.deps.ts';
import { expireOfferJobName, notifyResponderJobName } from './offer-creation.service.ts';
import { expireOffer } from './offer-expiry.service.ts';
import { notifyResponderOfOffer } from './offer-notify.service.ts';

const offerPayload = z.object({ offerId: z.uuid() });

/** The job's own database handle and clock, with the process's bus, crypto and SMS adapter. */
function depsFor(base: NotifyDeps, job: JobContext): NotifyDeps {
  return { ...base, db: job.db, dialect: job.dialect, clock: job.clock };
}

/**
 * `dispatch.expireOffer` (delayed to the offer's expiry) and `dispatch.notifyResponder`. Built
 * from the platform context because job contexts carry no event bus, crypto or SMS adapter.
 */
export function createDispatchJobs(context: PlatformContext): JobDefinition<{ offerId: string }>[] {
  const base = notifyDepsFrom(context);
  const expire = defineJob({
    name: expireOfferJobName,
    lane: 'dispatch',
    payload: offerPayload,
    maxAttempts: 20,
    handle: async ({ offerId }, job) => {
      const result = await expireOffer(depsFor(base, job), offerId);
      if (result.isExpired)
        job.logger.info({ offerId, escalated: result.escalatedToOfferId !== null }, 'offer expired');
    },
  });
  const notify = defineJob({
    name: notifyResponderJobName,
    lane: 'dispatch',
    payload: offerPayload,
    maxAttempts: 5,
    handle: async ({ offerId }, job) => {
      const result = await notifyResponderOfOffer(depsFor(base, job), offerId, { jobId: job.jobId });
      job.logger.debug({ offerId, result }, 'responder notified');
    },
  });
  return [expire, notify];
}
