import { z } from 'zod';
import { defineJob } from '../../../platform/jobs/index.ts';
import { clearExpiredLocations } from './responder.repository.ts';

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
