import { SmsSendError } from './sms.ts';
import type { OutboundSms, SentSms, SmsSender } from './sms.ts';

export interface TwilioSettings {
  /** https://api.twilio.com by default; a self-hosted gateway or a local test server can stand in. */
  apiBase: string;
  accountSid: string;
  authToken: string;
  /** A sender number in E.164, or a Messaging Service SID (MG...). */
  from: string;
  timeoutMs?: number;
}

/** Sends through Twilio's REST API (Messages resource, 2010-04-01). */
export function createTwilioSmsSender(settings: TwilioSettings, fetchImpl: typeof fetch = fetch): SmsSender {
  const endpoint = `${settings.apiBase.replace(/\/+$/, '')}/2010-04-01/Accounts/${encodeURIComponent(settings.accountSid)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${settings.accountSid}:${settings.authToken}`).toString('base64')}`;
  return {
    async send(message: OutboundSms): Promise<SentSms> {
      const form = new URLSearchParams({ To: message.to, Body: message.body });
      form.set(settings.from.startsWith('MG') ? 'MessagingServiceSid' : 'From', settings.from);
      if (message.statusCallbackUrl) form.set('StatusCallback', message.statusCallbackUrl);
      let response: Response;
      try {
        response = await fetchImpl(endpoint, {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
          body: form,
          signal: AbortSignal.timeout(settings.timeoutMs ?? 10_000),
        });
      } catch (error) {
        throw new SmsSendError(`SMS provider unreachable: ${(error as Error).name}`, true);
      }
      const body = (await response.json().catch(() => ({}))) as {
        sid?: string;
        status?: string;
        code?: number;
      };
      if (response.ok && body.sid) return { providerMessageId: body.sid, status: body.status ?? 'queued' };
      const code = body.code === undefined ? undefined : String(body.code);
      // 4xx means the request itself is wrong (bad number, unsubscribed, bad credentials): retrying
      // cannot help. 408/429 and 5xx are the provider's transient state.
      const isRetryable = response.status === 408 || response.status === 429 || response.status >= 500;
      throw new SmsSendError(
        `SMS provider answered ${response.status}${code ? ` (code ${code})` : ''}`,
        isRetryable,
        code,
      );
    },
  };
}
