import { recordAudit } from '../../identity/index.ts';
import { requireRole } from '../../identity/index.ts';
import type { Principal } from '../../identity/index.ts';
import { contactIndexOf } from './subscription-contacts.ts';
import type { SubscriptionDeps } from './subscription.deps.ts';
import { findSubscriberByContact, updateSubscriber } from './subscription.repository.ts';
import type { ExerciseRecipientInput } from './subscription.contract.ts';

/**
 * Marks a subscriber (found by phone or email, through the blind index) as an exercise recipient:
 * drills reach only these subscribers and members marked the same way. The answer says only
 * whether a subscriber was found, never anything about them.
 */
export async function setSubscriberExerciseRecipient(
  deps: SubscriptionDeps,
  principal: Principal,
  input: ExerciseRecipientInput,
): Promise<{ isFound: boolean }> {
  requireRole(principal, ['admin', 'coordinator']);
  const contactIndex = contactIndexOf(deps.crypto, input.channel, input.contact);
  const subscriber = await findSubscriberByContact(deps.db, principal.networkId, input.channel, contactIndex);
  if (!subscriber) return { isFound: false };
  await deps.db.transaction().execute(async (trx) => {
    await updateSubscriber(trx, subscriber.id, {
      is_exercise_recipient: input.isExerciseRecipient ? 1 : 0,
      updated_at: deps.clock.now(),
    });
    await recordAudit(deps, trx, {
      networkId: principal.networkId,
      actorMemberId: principal.memberId,
      action: 'subscriber.exerciseRecipientChanged',
      objectType: 'subscriber',
      objectId: subscriber.id,
      metadata: { channel: input.channel, isExerciseRecipient: input.isExerciseRecipient },
    });
  });
  return { isFound: true };
}
