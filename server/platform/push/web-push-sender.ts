import https from 'node:https';
import webpush from 'web-push';
import { createPublicOnlyHttpsAgent } from './public-address.ts';
import type { WebPushSubscription } from './push-subscription.ts';

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

export interface PushMessage {
  subscription: WebPushSubscription;
  /** Encrypted end to end by the library (RFC 8291); keep it free of content and location anyway. */
  payload: string;
  ttlSeconds: number;
  urgency: 'very-low' | 'low' | 'normal' | 'high';
  /** Replaces an undelivered message with the same topic (≤ 32 base64url characters). */
  topic?: string;
}

/**
 * `retryable`: the push service refused for now (429, 5xx) or could not be reached.
 * `gone`: the subscription expired (404, 410); the subscriber should be dropped.
 * `permanent`: the request itself is wrong (other 4xx).
 * `ambiguous`: the request may have been accepted (timeout after sending).
 */
export type PushFailureKind = 'retryable' | 'gone' | 'permanent' | 'ambiguous';

export class PushSendError extends Error {
  override name = 'PushSendError';
  constructor(
    message: string,
    readonly kind: PushFailureKind,
    readonly statusCode?: number,
    /** What the service asked for (Retry-After), in milliseconds. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export interface PushSender {
  send(message: PushMessage): Promise<{ statusCode: number }>;
}

export interface WebPushSenderOptions {
  /** Loaded lazily: the keys live in the database (generated once per deployment). */
  vapidKeys: () => Promise<VapidKeys>;
  /** `mailto:` or `https:` contact the push services may use. */
  subject: string;
  /** Defaults to an agent that connects to public addresses only; tests pass their own. */
  agent?: https.Agent;
  /** AMPARO_ALLOWED_PRIVATE_ADDRESSES: private addresses the default agent may still reach. */
  allowedPrivateAddresses?: readonly string[];
  /** Wall-clock limit of one push, however slowly the service trickles its answer. */
  timeoutMs?: number;
}

/**
 * Web Push: the `web-push` library signs (VAPID, RFC 8292) and encrypts (RFC 8291, aes128gcm);
 * the request itself is ours, so it has a wall-clock deadline that destroys the socket (the
 * library's own timeout fires only on an idle socket, and a service that trickles a byte every
 * few seconds would hold the send forever) and so `Retry-After` reaches the retry.
 */
export function createWebPushSender(options: WebPushSenderOptions): PushSender {
  const agent = options.agent ?? createPublicOnlyHttpsAgent(options.allowedPrivateAddresses);
  return {
    async send(message) {
      const keys = await options.vapidKeys();
      const details = webpush.generateRequestDetails(message.subscription, message.payload, {
        vapidDetails: { subject: options.subject, publicKey: keys.publicKey, privateKey: keys.privateKey },
        TTL: message.ttlSeconds,
        urgency: message.urgency,
        ...(message.topic ? { topic: message.topic } : {}),
      });
      const answer = await postWithDeadline(details, agent, options.timeoutMs ?? 15_000);
      const status = answer.statusCode;
      if (status >= 200 && status <= 299) return { statusCode: status };
      const retryAfterMs = parseRetryAfter(answer.retryAfter, Date.now());
      if (status === 404 || status === 410)
        throw new PushSendError(`push service answered ${status}`, 'gone', status);
      if (status === 408 || status === 429 || status >= 500) {
        throw new PushSendError(`push service answered ${status}`, 'retryable', status, retryAfterMs);
      }
      throw new PushSendError(`push service answered ${status}`, 'permanent', status);
    },
  };
}

interface PushAnswer {
  statusCode: number;
  retryAfter: string | undefined;
}

/** Longest answer body read; a push service answers with a few bytes or none. */
const maximumAnswerBytes = 4096;

function postWithDeadline(
  details: ReturnType<typeof webpush.generateRequestDetails>,
  agent: https.Agent,
  timeoutMs: number,
): Promise<PushAnswer> {
  return new Promise<PushAnswer>((resolve, reject) => {
    let isWritten = false;
    const request = https.request(details.endpoint, {
      method: details.method,
      headers: details.headers,
      agent,
    });
    const timer = setTimeout(() => request.destroy(new OutboundDeadlineError()), timeoutMs);
    const fail = (error: unknown): void => {
      clearTimeout(timer);
      reject(classifyTransportError(error, isWritten));
    };
    request.on('error', fail);
    request.on('finish', () => (isWritten = true));
    request.on('response', (response) => {
      let received = 0;
      response.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > maximumAnswerBytes) request.destroy(new Error('push answer too long'));
      });
      response.on('error', fail);
      response.on('end', () => {
        clearTimeout(timer);
        const retryAfter = response.headers['retry-after'];
        resolve({ statusCode: response.statusCode ?? 0, retryAfter });
      });
    });
    request.end(details.body ?? undefined);
  });
}

/** An outbound call ran past its wall-clock deadline; its socket was destroyed. */
export class OutboundDeadlineError extends Error {
  override name = 'OutboundDeadlineError';
  constructor() {
    super('outbound call ran past its deadline');
  }
}

function classifyTransportError(error: unknown, isWritten: boolean): PushSendError {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  // Past the deadline or reset after the request left: the service may have it.
  if (isWritten && (error instanceof OutboundDeadlineError || code === 'ECONNRESET')) {
    return new PushSendError('push service timed out', 'ambiguous');
  }
  if (code === 'EADDRNOTPUBLIC') return new PushSendError('push endpoint is not public', 'permanent');
  return new PushSendError(`push service unreachable${code ? ` (${code})` : ''}`, 'retryable');
}

/** `Retry-After` as seconds or an HTTP date, in milliseconds from now; undefined when absent or odd. */
export function parseRetryAfter(value: string | undefined | null, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d{1,7}$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** A fresh VAPID key pair (P-256, base64url), made once per deployment. */
export function generateVapidKeys(): VapidKeys {
  return webpush.generateVAPIDKeys();
}
