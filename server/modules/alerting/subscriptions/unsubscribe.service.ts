import type { Network } from '../../identity/index.ts';
import { subscriberIdFromToken } from './subscription-contacts.ts';
import type { SubscriptionDeps } from './subscription.deps.ts';
import { findSubscriberById, insertSmsOptOut, updateSubscriber } from './subscription.repository.ts';
import type { SubscribersTable } from './subscription.tables.ts';
import { invalidLink } from './web-subscription.service.ts';

/** The subscriber an unsubscribe link names, in this network; SUBSCRIPTION_LINK_INVALID otherwise. */
export async function findSubscriberForUnsubscribe(
  deps: Pick<SubscriptionDeps, 'db' | 'crypto'>,
  network: Network,
  token: string,
): Promise<SubscribersTable> {
  const subscriberId = subscriberIdFromToken(deps.crypto, token);
  const subscriber = subscriberId ? await findSubscriberById(deps.db, subscriberId) : undefined;
  if (!subscriber || subscriber.network_id !== network.id) throw invalidLink();
  return subscriber;
}

/** Ends the subscription at once (idempotent). An SMS number is also put on the opt-out list. */
export async function unsubscribeWithToken(
  deps: SubscriptionDeps,
  network: Network,
  token: string,
): Promise<void> {
  const subscriber = await findSubscriberForUnsubscribe(deps, network, token);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    if (subscriber.status !== 'unsubscribed') {
      await updateSubscriber(trx, subscriber.id, {
        status: 'unsubscribed',
        unsubscribed_at: now,
        pending_settings: null,
        confirmation_hash: null,
        confirmation_expires_at: null,
        updated_at: now,
      });
    }
    if (subscriber.channel === 'sms') {
      await insertSmsOptOut(trx, {
        network_id: network.id,
        phone_index: subscriber.contact_index,
        created_at: now,
      });
    }
  });
}
