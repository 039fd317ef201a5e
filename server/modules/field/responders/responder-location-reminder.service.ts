import type { Logger } from '../../../platform/log/logger.ts';
import type { PushSender, WebPushSubscription } from '../../../platform/push/index.ts';
import type { ResponderDeps } from './responder.deps.ts';
import { responderFields } from './responder.deps.ts';
import { claimLocationReminders } from './responder.repository.ts';

/** How long before a shared location expires the responder gets one push (the app's banner agrees). */
export const locationReminderMs = 10 * 60 * 1000;

/**
 * One content-free push (`{ type: 'responders.locationExpiring' }`) to each responder whose
 * shared location expires within ten minutes, once per share. The app shows the banner itself.
 */
export async function remindExpiringLocations(
  deps: Pick<ResponderDeps, 'db' | 'clock' | 'crypto'> & { push: PushSender | null; logger: Logger },
): Promise<number> {
  if (!deps.push) return 0;
  const now = deps.clock.now();
  const due = await claimLocationReminders(deps.db, now, now + locationReminderMs);
  let sent = 0;
  for (const row of due) {
    if (!row.push_subscription_enc) continue;
    const subscription = JSON.parse(
      deps.crypto.decrypt(row.push_subscription_enc, responderFields.pushSubscription),
    ) as WebPushSubscription;
    try {
      await deps.push.send({
        subscription,
        payload: JSON.stringify({ type: 'responders.locationExpiring' }),
        ttlSeconds: 600,
        urgency: 'normal',
      });
      sent += 1;
    } catch {
      deps.logger.warn('location reminder push failed');
    }
  }
  return sent;
}
