import type { FastifyRequest } from 'fastify';
import type { Clock } from '../../../platform/clock/clock.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { addressPrefixKey, createRateLimiter } from '../../../platform/http/rate-limiter.ts';
import type { RateLimiter } from '../../../platform/http/rate-limiter.ts';

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
 * Per-process limits on who asks (an address prefix is never stored, so these stay in memory);
 * limits on whom a request targets are shared in the database (web-subscription.service.ts).
 */
export interface SubscriptionLimits {
  pushPerAddressPrefix: RateLimiter;
  emailPerAddressPrefix: RateLimiter;
}

export function createSubscriptionLimits(clock: Clock): SubscriptionLimits {
  return {
    // A community meeting on one Wi-Fi network subscribes many phones at once.
    pushPerAddressPrefix: createRateLimiter({ limit: 60, windowMs: 10 * minuteMs, clock }),
    emailPerAddressPrefix: createRateLimiter({ limit: 10, windowMs: 60 * minuteMs, clock }),
  };
}

export function requireWithinLimit(limiter: RateLimiter, key: string): void {
  const decision = limiter.consume(key);
  if (decision.isAllowed) return;
  throw new AppError('RATE_LIMITED', 'Too many attempts. Wait a little and try again.', [], {
    'retry-after': String(Math.max(1, Math.ceil(decision.retryAfterMs / 1000))),
  });
}

export function addressKey(request: FastifyRequest): string {
  return addressPrefixKey(request.ip);
}
