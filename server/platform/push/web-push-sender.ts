import type https from 'node:https';
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
  timeoutMs?: number;
}

/** Web Push through the `web-push` library: VAPID (RFC 8292) and aes128gcm encryption (RFC 8291). */
export function createWebPushSender(options: WebPushSenderOptions): PushSender {
  const agent = options.agent ?? createPublicOnlyHttpsAgent(options.allowedPrivateAddresses);
  return {
    async send(message) {
      const keys = await options.vapidKeys();
      try {
        const result = await webpush.sendNotification(message.subscription, message.payload, {
          vapidDetails: { subject: options.subject, publicKey: keys.publicKey, privateKey: keys.privateKey },
          TTL: message.ttlSeconds,
          urgency: message.urgency,
          ...(message.topic ? { topic: message.topic } : {}),
          timeout: options.timeoutMs ?? 10_000,
          agent,
        });
        return { statusCode: result.statusCode };
      } catch (error) {
        throw classify(error);
      }
    },
  };
}

function classify(error: unknown): PushSendError {
  if (error instanceof webpush.WebPushError) {
    const status = error.statusCode;
    if (status === 404 || status === 410)
      return new PushSendError(`push service answered ${status}`, 'gone', status);
    if (status === 408 || status === 429 || status >= 500) {
      return new PushSendError(`push service answered ${status}`, 'retryable', status);
    }
    return new PushSendError(`push service answered ${status}`, 'permanent', status);
  }
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const message = error instanceof Error ? error.message : '';
  // A socket timeout may strike after the request was written: the service may have it.
  if (message === 'Socket timeout' || code === 'ECONNRESET') {
    return new PushSendError('push service timed out', 'ambiguous');
  }
  if (code === 'EADDRNOTPUBLIC') return new PushSendError('push endpoint is not public', 'permanent');
  return new PushSendError(`push service unreachable${code ? ` (${code})` : ''}`, 'retryable');
}

/** A fresh VAPID key pair (P-256, base64url), made once per deployment. */
export function generateVapidKeys(): VapidKeys {
  return webpush.generateVAPIDKeys();
}
