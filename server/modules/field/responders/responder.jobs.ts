import { z } from 'zod';
import type { PlatformContext } from '../../../platform/context.ts';
import { defineJob } from '../../../platform/jobs/index.ts';
import { responderDepsFrom } from './responder.deps.ts';
import { clearExpiredLocations } from './responder.repository.ts';
import { deliverTestPage, testPageJobName } from './responder-test-page.service.ts';
import { contactCodeJobName, deliverContactCode } from './responder-contact.service.ts';
import { remindExpiringLocations } from './responder-location-reminder.service.ts';

/** How often expired responder locations are deleted (they are already ignored once expired). */
export const purgeLocationsEveryMs = 5 * 60 * 1000;

/** `responders.purgeLocations`: deletes shared locations past their expiry. */
export const purgeExpiredLocationsJob = defineJob({
  name: 'responders.purgeLocations',
  payload: z.object({}),
  maxAttempts: 3,
  handle: async (_payload, context) => {
    const purged = await clearExpiredLocations(context.db, context.clock.now());
    if (purged > 0) context.logger.info({ purged }, 'purged expired responder locations');
  },
});

/** `responders.testPage`: the page a responder asked for to check their registered phone. */
export function createTestPageJob(context: PlatformContext) {
  const base = {
    ...responderDepsFrom(context),
    push: context.senders.push,
    sms: context.senders.sms,
    logger: context.logger,
  };
  return defineJob({
    name: testPageJobName,
    lane: 'dispatch',
    payload: z.object({ memberId: z.uuid() }),
    // A test that arrives much later only confuses; a few tries are enough.
    maxAttempts: 3,
    handle: async ({ memberId }, job) => {
      const result = await deliverTestPage({ ...base, db: job.db, clock: job.clock }, memberId);
      job.logger.info(result, 'test page sent');
    },
  });
}

/** `responders.sendContactCode`: texts the code that confirms a responder's new SMS number. */
export function createContactCodeJob(context: PlatformContext) {
  const base = { ...responderDepsFrom(context), sms: context.senders.sms };
  return defineJob({
    name: contactCodeJobName,
    lane: 'dispatch',
    payload: z.object({ memberId: z.uuid() }),
    maxAttempts: 5,
    handle: async ({ memberId }, job) => {
      const isSent = await deliverContactCode({ ...base, db: job.db, clock: job.clock }, memberId);
      job.logger.info({ isSent }, 'contact code');
    },
  });
}

/** How often responders are checked for a shared location about to expire. */
export const remindLocationsEveryMs = 60 * 1000;

/** `responders.remindLocations`: one push before each shared location expires. */
export function createLocationReminderJob(context: PlatformContext) {
  return defineJob({
    name: 'responders.remindLocations',
    lane: 'dispatch',
    payload: z.object({}),
    maxAttempts: 1,
    handle: async (_payload, job) => {
      const sent = await remindExpiringLocations({
        db: job.db,
        clock: job.clock,
        crypto: context.crypto,
        push: context.senders.push,
        logger: job.logger,
      });
      if (sent > 0) job.logger.info({ sent }, 'location reminders sent');
    },
  });
}
