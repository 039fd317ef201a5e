import type { PurgeTask } from '../../../platform/retention/index.ts';
import {
  clearStalePendingSettings,
  deleteNeverConfirmedSubscribers,
  deleteUnsubscribedSubscribers,
} from './subscription.repository.ts';

/** As long as a confirmation link lives: after it, an unconfirmed address is only a liability. */
export const unconfirmedSubscriptionMaximumAgeMs = 48 * 60 * 60 * 1000;

export const subscriptionPurgeTasks: readonly PurgeTask[] = [
  {
    name: 'email addresses never confirmed within 48 hours',
    tables: ['subscribers', 'subscriber_areas'],
    run: async (deps) => {
      const cutoff = deps.clock.now() - unconfirmedSubscriptionMaximumAgeMs;
      return (
        (await deleteNeverConfirmedSubscribers(deps.db, cutoff)) +
        (await clearStalePendingSettings(deps.db, cutoff))
      );
    },
  },
  {
    name: 'unsubscribed subscribers (a STOP keeps only its blind-index suppression)',
    tables: ['subscribers', 'subscriber_areas', 'alert_deliveries'],
    run: (deps) => deleteUnsubscribedSubscribers(deps.db),
  },
];
