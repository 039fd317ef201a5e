import { SmsSendError } from './sms.ts';
import type { OutboundSms, SentSms, SmsLookup, SmsSender } from './sms.ts';

export interface TwilioSettings {
  /** https://api.twilio.com by default; a self-hosted gateway or a local test server can stand in. */
  apiBase: string;
  accountSid: string;
  authToken: string;
  /** A sender number in E.164, or a Messaging Service SID (MG...). */
  from: string;
  /** Wall-clock limit of one call, body included; the connection is dropped past it. */
  timeoutMs?: number;
}

interface TwilioMessage {
  sid?: string;
  to?: string;
  body?: string;
  status?: string;
  date_created?: string;
}

/** Sends through Twilio's REST API (Messages resource, 2010-04-01). */
export function createTwilioSmsSender(settings: TwilioSettings, fetchImpl: typeof fetch = fetch): SmsSender {
  const endpoint = `${settings.apiBase.replace(/\/+$/, '')}/2010-04-01/Accounts/${encodeURIComponent(settings.accountSid)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${settings.accountSid}:${settings.authToken}`).toString('base64')}`;
  const timeoutMs = settings.timeoutMs ?? 10_000;
  const isMessagingService = settings.from.startsWith('MG');
  return {
    async send(message: OutboundSms): Promise<SentSms> {
      const form = new URLSearchParams({ To: message.to, Body: message.body });
      form.set(isMessagingService ? 'MessagingServiceSid' : 'From', settings.from);
      if (message.statusCallbackUrl) form.set('StatusCallback', message.statusCallbackUrl);
      let response: Response;
      let body: TwilioMessage & { code?: number };
      try {
        const signal = AbortSignal.timeout(timeoutMs);
        response = await fetchImpl(endpoint, {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
          body: form,
          signal,
        });
        body = (await response.json().catch((error: unknown) => {
          // The deadline struck while the answer trickled in: Twilio may have the message.
          if (signal.aborted) throw error;
          return {};
        })) as TwilioMessage & { code?: number };
      } catch (error) {
        const name = (error as Error).name;
        throw new SmsSendError(
          `SMS provider unreachable: ${name}`,
          true,
          undefined,
          undefined,
          isTimeout(name),
        );
      }
      if (response.ok && body.sid) return { providerMessageId: body.sid, status: body.status ?? 'queued' };
      const code = body.code === undefined ? undefined : String(body.code);
      // 4xx means the request itself is wrong (bad number, unsubscribed, bad credentials): retrying
      // cannot help. 408/429 and 5xx are the provider's transient state.
      const isRetryable = response.status === 408 || response.status === 429 || response.status >= 500;
      throw new SmsSendError(
        `SMS provider answered ${response.status}${code ? ` (code ${code})` : ''}`,
        isRetryable,
        code,
        parseRetryAfterMs(response.headers.get('retry-after')),
      );
    },

    /**
     * Twilio's Messages list resource filtered by To, From and DateSent (the UTC days the attempt
     * may have reached Twilio on), looking for the same body: what an unanswered send left behind.
     */
    async findSent(lookup: SmsLookup): Promise<SentSms | null> {
      const days = new Set([utcDay(lookup.sentAfter), utcDay(Date.now())]);
      for (const day of days) {
        const query = new URLSearchParams({ To: lookup.to, DateSent: day, PageSize: '100' });
        if (!isMessagingService) query.set('From', settings.from);
        let response: Response;
        let page: { messages?: TwilioMessage[] };
        try {
          const signal = AbortSignal.timeout(timeoutMs);
          response = await fetchImpl(`${endpoint}?${query.toString()}`, {
            headers: { authorization },
            signal,
          });
          page = (await response.json()) as { messages?: TwilioMessage[] };
        } catch (error) {
          throw new SmsSendError(`SMS provider unreachable: ${(error as Error).name}`, true);
        }
        if (!response.ok) {
          throw new SmsSendError(`SMS provider answered ${response.status} to a list query`, true);
        }
        const found = (page.messages ?? []).find(
          (message) => message.to === lookup.to && message.body === lookup.body && message.sid,
        );
        if (found?.sid) return { providerMessageId: found.sid, status: found.status ?? 'queued' };
      }
      return null;
    },
  };
}

function isTimeout(name: string): boolean {
  return name === 'TimeoutError' || name === 'AbortError';
}

function utcDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

function parseRetryAfterMs(value: string | null): number | undefined {
  if (!value) return undefined;
  if (/^\d{1,7}$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
