import type { FastifyRequest } from 'fastify';
import type { Clock } from '../../../platform/clock/clock.ts';
import { addressPrefixKey, createRateLimiter } from '../../../platform/http/rate-limiter.ts';
import { enforceLimits } from '../auth/index.ts';

const minuteMs = 60 * 1000;
/**
 * Opening an invitation link and accepting it (the page or the API), per client address prefix;
 * acceptances also in total. The 256-bit token cannot be guessed; the limits bound the Argon2 work
 * a flood of acceptances could cause. The prefix budget is roomier than recovery's because a
 * training session may onboard a room of volunteers behind one address; opening the page does not
 * count toward the total, so a flood of bogus links cannot keep everyone from joining.
 */
export const joinLimits = {
  perAddressPrefix: { limit: 60, windowMs: 10 * minuteMs },
  global: { limit: 60, windowMs: 10 * 1000 },
} as const;

/** Throws RATE_LIMITED (429, Retry-After) when this attempt is over a limit. */
export type JoinAttemptLimit = (request: FastifyRequest, isAcceptance: boolean) => void;

/** One set of buckets, shared by the join page and the acceptance API so neither doubles the budget. */
export function createJoinAttemptLimit(clock: Clock): JoinAttemptLimit {
  const perAddressPrefix = createRateLimiter({ ...joinLimits.perAddressPrefix, clock });
  const global = createRateLimiter({ ...joinLimits.global, clock });
  return (request, isAcceptance) => {
    const prefix = addressPrefixKey(request.ip);
    enforceLimits(
      isAcceptance
        ? [
            [perAddressPrefix, prefix],
            [global, 'all'],
          ]
        : [[perAddressPrefix, prefix]],
    );
  };
}
