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
    /** What the provider asked for (Retry-After), in milliseconds. */
    readonly retryAfterMs?: number,
    /** The call ran past its deadline: the provider may have the message. */
    readonly isTimeout = false,
  ) {
    super(message);
  }
}

/** A message an earlier, unanswered send may have left at the provider. */
export interface SmsLookup {
  to: string;
  body: string;
  /** When that attempt started (ms since the epoch). */
  sentAfter: number;
}

export interface SmsSender {
  send(message: OutboundSms): Promise<SentSms>;
  /** The provider's record of a message with this recipient and body, or null when it has none;
   * absent when the provider cannot be asked (an uncertain send then stays uncertain). */
  findSent?(lookup: SmsLookup): Promise<SentSms | null>;
}
