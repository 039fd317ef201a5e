import { serviceDepsFrom } from '../../../platform/context.ts';
import type { PlatformContext, ServiceDeps } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { createRateLimiter } from '../../../platform/http/rate-limiter.ts';
import type { RateLimiter } from '../../../platform/http/rate-limiter.ts';
import type { MemberAccounts } from './member-accounts.ts';

const minuteMs = 60 * 1000;

/**
 * Per-process limits (see docs/adr/0006-authentication.md). Sign-in attempts are limited per
 * email (a guessing attack on one account), per client address prefix (one source trying many
 * accounts) and globally (argon2 work: ~25 ms of CPU per check, so a flood cannot take the process).
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

export type AuthLimiters = Record<keyof typeof authLimits, RateLimiter>;

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
    Object.entries(authLimits).map(([name, options]) => [name, createRateLimiter({ ...options, clock })]),
  ) as AuthLimiters;
  const publicUrl = new URL(context.config.publicUrl);
  return {
    ...serviceDepsFrom(context),
    relyingParty: { id: publicUrl.hostname, origin: publicUrl.origin, name: 'Amparo' },
    limits,
    accounts: context.ports.memberAccounts,
  };
}

/** Takes one token from each limiter in order; RATE_LIMITED (with Retry-After) at the first refusal. */
export function enforceLimits(checks: [RateLimiter, string][]): void {
  for (const [limiter, key] of checks) {
    const decision = limiter.consume(key);
    if (!decision.isAllowed) {
      const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
      throw new AppError('RATE_LIMITED', 'Too many attempts. Wait a little and try again.', [], {
        'retry-after': String(seconds),
      });
    }
  }
}
