import type { PurgeTask } from '../../../platform/retention/index.ts';
import { reduceOldDeliveriesToCounts } from './delivery-retention.repository.ts';

const dayMs = 24 * 60 * 60 * 1000;
/** Per-recipient deliveries are kept this long (retries, status callbacks, the CSV report). */
export const deliveryRecordMaximumAgeMs = 30 * dayMs;

/**
 * Alerts' retention (issue 15 §2): after 30 days a finished delivery says only how many went out
 * per alert, channel and status; who received it is deleted. The alert itself is public words,
 * kept.
 */
export const alertPurgeTasks: readonly PurgeTask[] = [
  {
    name: 'alert deliveries reduced to counts after 30 days',
    tables: ['alert_deliveries', 'alert_delivery_counts'],
    run: (deps) => {
      const now = deps.clock.now();
      return reduceOldDeliveriesToCounts(deps.db, { createdBefore: now - deliveryRecordMaximumAgeMs, now });
    },
  },
];
