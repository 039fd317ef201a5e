import type { FastifyRequest } from 'fastify';
import type { PlatformContext } from '../../../platform/context.ts';
import { addressPrefixKey, createRateLimiter } from '../../../platform/http/rate-limiter.ts';
import { createSharedRateLimiter } from '../../../platform/limits/index.ts';
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
export type JoinAttemptLimit = (request: FastifyRequest, isAcceptance: boolean) => Promise<void>;

/**
 * One set of limits, shared by the join page and the acceptance API so neither doubles the budget.
 * The per-prefix limit is counted in the database (every app process shares it, ADR 0027); the
 * total protects this process's Argon2 work and stays in its memory.
 */
export function createJoinAttemptLimit(context: PlatformContext): JoinAttemptLimit {
  const { clock } = context;
  const perAddressPrefix = createSharedRateLimiter({
    ...joinLimits.perAddressPrefix,
    db: context.database.db,
    clock,
    crypto: context.crypto,
    name: 'join.perAddressPrefix',
  });
  const global = createRateLimiter({ ...joinLimits.global, clock });
  return async (request, isAcceptance) => {
    const prefix = addressPrefixKey(request.ip);
    await enforceLimits(
      isAcceptance
        ? [
            [perAddressPrefix, prefix],
            [global, 'all'],
          ]
        : [[perAddressPrefix, prefix]],
    );
  };
}
