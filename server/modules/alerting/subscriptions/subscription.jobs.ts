import { z } from 'zod';
import type { PlatformContext } from '../../../platform/context.ts';
import { EmailSendError } from '../../../platform/email/index.ts';
import type { EmailSender } from '../../../platform/email/index.ts';
import { t } from '../../../platform/i18n/index.ts';
import { newSecretToken } from '../../../platform/ids/ids.ts';
import { defineJob } from '../../../platform/jobs/index.ts';
import type { JobDefinition } from '../../../platform/jobs/index.ts';
import { findNetworkById } from '../../identity/index.ts';
import { subscriberContactContext } from './subscription-contacts.ts';
import { summarizeSettings, summaryText } from './subscription-summary.ts';
import { findSubscriberById, updateSubscriber } from './subscription.repository.ts';
import { hashConfirmationToken, parsePending, sendConfirmationJobName } from './web-subscription.service.ts';

const confirmationLifetimeMs = 48 * 60 * 60 * 1000;

/** The subscriptions module's jobs, with the process's email sender (server/jobs.ts lists them). */
export function createSubscriptionJobs(
  context: Pick<PlatformContext, 'config' | 'crypto' | 'senders'>,
): JobDefinition[] {
  return [
    createSendConfirmationJob({
      crypto: context.crypto,
      publicUrl: context.config.publicUrl,
      email: context.senders.email,
    }),
  ];
}

/**
 * Sends the double opt-in link. The token is made here and only its hash is stored, so no secret
 * sits in the job payload; a retry makes a new token (the newest link is the one that works).
 */
function createSendConfirmationJob(deps: {
  crypto: PlatformContext['crypto'];
  publicUrl: string;
  /** null when SMTP_URL is not set: confirmations cannot go out, which is logged. */
  email: EmailSender | null;
}): JobDefinition {
  return defineJob({
    name: sendConfirmationJobName,
    lane: 'email',
    payload: z.object({ subscriberId: z.string().min(1).max(64) }),
    maxAttempts: 6,
    handle: async (payload, context) => {
      const subscriber = await findSubscriberById(context.db, payload.subscriberId);
      const pending = subscriber ? parsePending(subscriber.pending_settings) : null;
      if (!subscriber || subscriber.channel !== 'email' || !pending) return;
      if (!deps.email) {
        context.logger.warn('SMTP_URL is not set: an email confirmation was not sent');
        return;
      }
      const network = await findNetworkById(context.db, subscriber.network_id);
      if (!network) return;
      const token = newSecretToken(32);
      const now = context.clock.now();
      await updateSubscriber(context.db, subscriber.id, {
        confirmation_hash: hashConfirmationToken(token),
        confirmation_expires_at: now + confirmationLifetimeMs,
        updated_at: now,
      });
      // A change to an active subscription is written in the language its subscriber reads now.
      const language = subscriber.status === 'active' ? subscriber.language : pending.language;
      const link = `${deps.publicUrl}/a/${encodeURIComponent(network.slug)}/confirm/${token}`;
      // The mail says what it confirms, and whether it would replace what the address gets now.
      const details = summaryText(language, summarizeSettings(language, pending));
      const bodyKey =
        subscriber.status === 'active'
          ? 'subscriptions.email.confirmChangeBody'
          : 'subscriptions.email.confirmBody';
      try {
        await deps.email.send({
          to: deps.crypto.decrypt(subscriber.contact_enc, subscriberContactContext),
          subject: t(language, 'subscriptions.email.confirmSubject', { network: network.name }),
          text: t(language, bodyKey, { network: network.name, link, details }),
        });
      } catch (error) {
        if (error instanceof EmailSendError && error.kind !== 'retryable') {
          context.logger.warn({ error: error.message }, 'email confirmation refused; not retried');
          return;
        }
        throw error;
      }
    },
  });
}
