import type { AppConfig } from './config/config.ts';
import { createSmtpEmailSender } from './email/index.ts';
import type { EmailSender } from './email/index.ts';
import { createWebPushSender, loadVapidKeys } from './push/index.ts';
import type { PushSender, VapidKeyDeps } from './push/index.ts';
import type { SmsSender } from './sms/sms.ts';
import { createTwilioSmsSender } from './sms/twilio-sms.ts';

/** The outbound adapters, built once per process at start-up and handed to modules in the context. */
export interface Senders {
  /** Twilio's REST API (TWILIO_API_BASE); null when Twilio is not configured. */
  sms: SmsSender | null;
  /** Web Push signed with the deployment's VAPID keys (made on first use, kept in the database). */
  push: PushSender;
  /** SMTP (SMTP_URL); null when it is not set. */
  email: EmailSender | null;
}

/** Builds every sender the configuration asks for. `deps` reach the VAPID keys in the database. */
export function createSenders(config: AppConfig, deps: VapidKeyDeps): Senders {
  const { smtpUrl, from } = config.email;
  // Every outbound call has one wall-clock deadline (AMPARO_OUTBOUND_DEADLINE_MS).
  const timeoutMs = config.outboundDeadlineMs;
  return {
    sms: config.twilio ? createTwilioSmsSender({ ...config.twilio, timeoutMs }) : null,
    push: createWebPushSender({
      vapidKeys: () => loadVapidKeys(deps),
      subject: pushSubject(config),
      timeoutMs,
      allowedPrivateAddresses: config.allowedPrivateAddresses,
    }),
    email: smtpUrl ? createSmtpEmailSender({ smtpUrl, from, timeoutMs }) : null,
  };
}

/** The contact push services may use (RFC 8292): the public https URL, else the email sender's address. */
export function pushSubject(config: Pick<AppConfig, 'publicUrl' | 'email'>): string {
  if (config.publicUrl.startsWith('https://')) return config.publicUrl;
  const address = /<([^>]+)>/.exec(config.email.from)?.[1] ?? config.email.from;
  return `mailto:${address}`;
}

/** Releases what the senders hold open (SMTP connections). */
export function closeSenders(senders: Senders): void {
  senders.email?.close();
}
