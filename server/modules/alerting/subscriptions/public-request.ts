import type { FastifyRequest } from 'fastify';
import type { PlatformContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { addressPrefixKey } from '../../../platform/http/rate-limiter.ts';
import { createSharedRateLimiter } from '../../../platform/limits/index.ts';
import type { SharedRateLimiter } from '../../../platform/limits/index.ts';

const minuteMs = 60 * 1000;

/**
 * Public subscription forms have no session, so no CSRF token. What they must refuse is another
 * site making visitors' browsers subscribe (or mail-bomb addresses): browsers say where a request
 * came from in Sec-Fetch-Site, or failing that Origin. A missing header (curl, old browsers,
 * mail providers' one-click unsubscribe) is allowed; rate limits still apply.
 */
export function requireSameSiteRequest(request: FastifyRequest, publicUrl: string): void {
  const fetchSite = request.headers['sec-fetch-site'];
  if (typeof fetchSite === 'string') {
    if (fetchSite === 'same-origin' || fetchSite === 'none') return;
    throw crossSite();
  }
  const origin = request.headers.origin;
  if (typeof origin !== 'string' || origin === 'null') return;
  const host = request.headers.host;
  if (origin === new URL(publicUrl).origin || (host && origin === `${request.protocol}://${host}`)) return;
  throw crossSite();
}

function crossSite(): AppError {
  return new AppError('CROSS_SITE_REQUEST', 'Subscriptions must be made from this site.');
}

/**
 * Limits on who asks (the client's address prefix), counted in the database so they hold across
 * every app process (ADR 0027); the prefix is keyed with the blind-index key, never stored in the
 * clear. Limits on whom a request targets are in web-subscription.service.ts.
 */
export interface SubscriptionLimits {
  pushPerAddressPrefix: SharedRateLimiter;
  emailPerAddressPrefix: SharedRateLimiter;
}

export function createSubscriptionLimits(context: PlatformContext): SubscriptionLimits {
  const shared = { db: context.database.db, clock: context.clock, crypto: context.crypto };
  return {
    // A community meeting on one Wi-Fi network subscribes many phones at once.
    pushPerAddressPrefix: createSharedRateLimiter({
      ...shared,
      name: 'subscriptions.pushPerAddressPrefix',
      limit: 60,
      windowMs: 10 * minuteMs,
    }),
    emailPerAddressPrefix: createSharedRateLimiter({
      ...shared,
      name: 'subscriptions.emailPerAddressPrefix',
      limit: 10,
      windowMs: 60 * minuteMs,
    }),
  };
}

export async function requireWithinLimit(limiter: SharedRateLimiter, key: string): Promise<void> {
  const decision = await limiter.consume(key);
  if (decision.isAllowed) return;
  throw new AppError('RATE_LIMITED', 'Too many attempts. Wait a little and try again.', [], {
    'retry-after': String(Math.max(1, Math.ceil(decision.retryAfterMs / 1000))),
  });
}

export function addressKey(request: FastifyRequest): string {
  return addressPrefixKey(request.ip);
}
