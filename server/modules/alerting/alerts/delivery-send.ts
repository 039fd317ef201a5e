import { createHash } from 'node:crypto';
import { EmailSendError } from '../../../platform/email/index.ts';
import { t } from '../../../platform/i18n/index.ts';
import { PushSendError } from '../../../platform/push/index.ts';
import type { WebPushSubscription } from '../../../platform/push/index.ts';
import { SmsSendError } from '../../../platform/sms/sms.ts';
import type { Senders } from '../../../platform/senders.ts';
import type { ClaimedSend } from './delivery-claim.service.ts';
import { frozenContentOf, publishedMessagesOf } from './alert-content.ts';
import { messageFor, publicPageUrl } from './alert-rendering.ts';

/** How a send ended, as far as Amparo can know. */
export type SendOutcome =
  | { kind: 'sent'; providerMessageId: string | null }
  | { kind: 'retryable'; code: string; retryAfterMs?: number }
  | { kind: 'permanent'; code: string }
  /** The provider may have the message (timeout after sending): never resent. */
  | { kind: 'ambiguous'; code: string }
  /** A push subscription that no longer exists: the subscriber is dropped. */
  | { kind: 'gone'; code: string }
  /** The recipient texted STOP to the sender (Twilio 21610): the subscriber is stopped. */
  | { kind: 'stopped'; code: string }
  /** The mail server refused the address for good (SMTP 5xx): counted towards suspension. */
  | { kind: 'bounced'; code: string };

/** The frozen SMS text this delivery sends (null when the alert has none for its language). */
export function smsBodyOf(claimed: Pick<ClaimedSend, 'delivery' | 'alert' | 'network'>): string | null {
  const { delivery, alert, network } = claimed;
  return messageFor(publishedMessagesOf(alert), delivery.language, network.languages[0] ?? 'en')?.sms ?? null;
}

export async function sendClaimed(
  claimed: ClaimedSend,
  /** SMS null (Twilio not configured): deliveries fail with `sms_not_configured`. */
  senders: Senders,
  publicUrl: string,
): Promise<SendOutcome> {
  const { delivery, alert, network } = claimed;
  // Only the frozen content the approver approved: nothing is rendered at send time.
  const message = messageFor(publishedMessagesOf(alert), delivery.language, network.languages[0] ?? 'en');
  if (!message) return { kind: 'permanent', code: 'no_message' };
  const frozenEmail = frozenContentOf(alert)?.languages[message.language]?.email;
  switch (delivery.channel) {
    case 'sms': {
      if (!senders.sms) return { kind: 'permanent', code: 'sms_not_configured' };
      try {
        const sent = await senders.sms.send({
          to: claimed.contact,
          body: message.sms,
          statusCallbackUrl: `${publicUrl}/webhooks/twilio/status`,
        });
        return { kind: 'sent', providerMessageId: sent.providerMessageId };
      } catch (error) {
        if (!(error instanceof SmsSendError)) throw error;
        const code = `sms_${error.providerCode ?? 'error'}`;
        // A timeout may come after Twilio accepted the message; a refused connection never does.
        if (error.isTimeout) return { kind: 'ambiguous', code: 'sms_timeout' };
        if (error.providerCode === '21610') return { kind: 'stopped', code };
        return error.isRetryable
          ? { kind: 'retryable', code, retryAfterMs: error.retryAfterMs }
          : { kind: 'permanent', code };
      }
    }
    case 'push': {
      try {
        await senders.push.send({
          subscription: JSON.parse(claimed.contact) as WebPushSubscription,
          // Only the public id: the service worker fetches the alert itself.
          payload: JSON.stringify({ id: alert.public_id }),
          ttlSeconds: 12 * 60 * 60,
          urgency: alert.urgency === 'urgent' ? 'high' : 'normal',
          topic: createHash('sha256').update(alert.thread_id).digest('base64url').slice(0, 32),
        });
        return { kind: 'sent', providerMessageId: null };
      } catch (error) {
        if (!(error instanceof PushSendError)) throw error;
        const code = `push_${error.statusCode ?? error.kind}`;
        return error.kind === 'retryable'
          ? { kind: 'retryable', code, retryAfterMs: error.retryAfterMs }
          : { kind: error.kind, code };
      }
    }
    case 'email': {
      if (!senders.email) return { kind: 'permanent', code: 'email_not_configured' };
      const link = publicPageUrl(publicUrl, network.slug);
      const email = frozenEmail ?? {
        subject: message.headline,
        body: `${message.text}\n\n${t(message.language, 'alerts.email.more', { link })}`,
      };
      const unsubscribeUrl = claimed.unsubscribePath ? `${publicUrl}${claimed.unsubscribePath}` : null;
      const footer = unsubscribeUrl
        ? t(message.language, 'alerts.email.footer', { network: network.name, unsubscribeUrl })
        : t(message.language, 'alerts.email.memberFooter', { network: network.name });
      try {
        const sent = await senders.email.send({
          to: claimed.contact,
          // The same Message-ID on every attempt: a resend after an unanswered one is the same mail.
          messageId: `<delivery-${delivery.id}@${new URL(publicUrl).hostname}>`,
          subject: email.subject,
          // The footer is shipped text with this recipient's own unsubscribe link.
          text: `${email.body}\n\n-- \n${footer}\n`,
          headers: unsubscribeUrl
            ? {
                'List-Unsubscribe': `<${unsubscribeUrl}>`,
                'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
              }
            : {},
        });
        return { kind: 'sent', providerMessageId: sent.messageId || null };
      } catch (error) {
        if (!(error instanceof EmailSendError)) throw error;
        const code = `email_${error.responseCode ?? error.kind}`;
        if (error.kind === 'permanent') return { kind: 'bounced', code };
        return { kind: error.kind, code };
      }
    }
  }
}
