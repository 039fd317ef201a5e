/** Outbound SMS, behind an adapter so a network can switch providers or self-host a gateway. */
export interface OutboundSms {
  to: string;
  body: string;
  /** Where the provider reports delivery status (Twilio StatusCallback). */
  statusCallbackUrl?: string;
}

export interface SentSms {
  providerMessageId: string;
  status: string;
}

/** A failed send; `isRetryable` says whether trying again later can succeed. */
export class SmsSendError extends Error {
  override name = 'SmsSendError';
  constructor(
    message: string,
    readonly isRetryable: boolean,
    readonly providerCode?: string,
  ) {
    super(message);
  }
}

export interface SmsSender {
  send(message: OutboundSms): Promise<SentSms>;
}
