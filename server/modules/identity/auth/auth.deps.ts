import { serviceDepsFrom } from '../../../platform/context.ts';
import type { PlatformContext, ServiceDeps } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { createRateLimiter } from '../../../platform/http/rate-limiter.ts';
import type { RateLimitDecision } from '../../../platform/http/rate-limiter.ts';
import { createSharedRateLimiter } from '../../../platform/limits/index.ts';
import type { MemberAccounts } from './member-accounts.ts';

const minuteMs = 60 * 1000;

/**
 * Limits (see docs/adr/0006-authentication.md, ADR 0027). Sign-in attempts are limited per email (a
 * guessing attack on one account), per client address prefix (one source trying many accounts) and
 * globally (argon2 work: ~25 ms of CPU per check, so a flood cannot take the process). The global
 * cap protects this process's CPU and stays in its memory; the others are about an outsider and
 * are counted in the database (`shared_counters`, keyed by a blind index), so they hold across
 * every app process.
 */
export const authLimits = {
  signInPerEmail: { limit: 10, windowMs: 15 * minuteMs },
  signInPerAddressPrefix: { limit: 50, windowMs: 10 * minuteMs },
  signInGlobal: { limit: 100, windowMs: 10 * 1000 },
  /** Authenticator codes and passkey assertions per member, whatever the session or pending sign-in. */
  secondFactorPerMember: { limit: 10, windowMs: 15 * minuteMs },
  /** Passkey challenges written for callers without a session. */
  passkeyPerAddressPrefix: { limit: 60, windowMs: 10 * minuteMs },
} as const;

/** Counted in this process only: they protect its CPU, not an account. */
const perProcessAuthLimits: ReadonlySet<keyof typeof authLimits> = new Set(['signInGlobal']);

/** An in-process or a shared limit: either answers whether one more attempt may go ahead. */
export interface AttemptLimiter {
  consume(key: string): RateLimitDecision | Promise<RateLimitDecision>;
}

export type AuthLimiters = Record<keyof typeof authLimits, AttemptLimiter>;

export interface RelyingParty {
  /** WebAuthn RP ID: the host name of the public URL. */
  id: string;
  /** The exact origin browsers sign: the public URL. */
  origin: string;
  name: string;
}

export interface AuthDeps extends ServiceDeps {
  relyingParty: RelyingParty;
  limits: AuthLimiters;
  /** Members' side of sign-in (context.ports.memberAccounts): auth names no members table. */
  accounts: MemberAccounts;
}

export function createAuthDeps(context: PlatformContext): AuthDeps {
  const { clock } = context;
  const limits = Object.fromEntries(
    (Object.entries(authLimits) as [keyof typeof authLimits, { limit: number; windowMs: number }][]).map(
      ([name, options]) => [
        name,
        perProcessAuthLimits.has(name)
          ? createRateLimiter({ ...options, clock })
          : createSharedRateLimiter({
              ...options,
              db: context.database.db,
              clock,
              crypto: context.crypto,
              name: `auth.${name}`,
            }),
      ],
    ),
  ) as AuthLimiters;
  const publicUrl = new URL(context.config.publicUrl);
  return {
    ...serviceDepsFrom(context),
    relyingParty: { id: publicUrl.hostname, origin: publicUrl.origin, name: 'Amparo' },
    limits,
    accounts: context.ports.memberAccounts,
  };
}

/** Takes one from each limiter in order; RATE_LIMITED (with Retry-After) at the first refusal. */
export async function enforceLimits(checks: [AttemptLimiter, string][]): Promise<void> {
  for (const [limiter, key] of checks) {
    const decision = await limiter.consume(key);
    if (!decision.isAllowed) {
      const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
      throw new AppError('RATE_LIMITED', 'Too many attempts. Wait a little and try again.', [], {
        'retry-after': String(seconds),
      });
    }
  }
}
