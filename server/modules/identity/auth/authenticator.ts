import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { isNetworkSuspended } from '../networks/network-suspension.repository.ts';
import { isOperatorSessionToken } from '../operators/operator-session.service.ts';
import { mustEnrolSecondFactor } from './auth.policy.ts';
import type { Principal } from './principal.ts';
import { resolvePrincipal, sessionPolicy } from './session.service.ts';
import type { SessionDeps } from './session.service.ts';

/** `__Host-`: Secure, Path=/, no Domain, so no subdomain or plain-HTTP page can set or read it. */
export const sessionCookieName = '__Host-amparo_session';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface Authenticator {
  /** The signed-in principal, or null. Never throws for a missing or stale session. */
  findPrincipal(request: FastifyRequest): Promise<Principal | null>;
  /**
   * The signed-in principal, or UNAUTHENTICATED. On state-changing methods also checks the CSRF
   * token (header `x-csrf-token`, or form field `_csrf`). A member with any role who has not
   * enrolled a second factor gets SECOND_FACTOR_REQUIRED (ADR 0019), except on the few routes that
   * pass `allowWithoutSecondFactor` (their session, sign-out, enrolling a factor).
   */
  requirePrincipal(
    request: FastifyRequest,
    options?: { allowWithoutSecondFactor?: boolean },
  ): Promise<Principal>;
}

/** Reads sessions from the database and members' grants through `context.ports.memberAccounts`. */
export function createAuthenticator(
  context: Pick<PlatformContext, 'database' | 'clock' | 'ports'>,
): Authenticator {
  const deps: SessionDeps = {
    db: context.database.db,
    clock: context.clock,
    accounts: context.ports.memberAccounts,
  };
  const cache = new WeakMap<FastifyRequest, { principal: Principal | null; isSuspended: boolean }>();
  async function loadPrincipal(request: FastifyRequest) {
    const cached = cache.get(request);
    if (cached) return cached;
    const token = request.cookies[sessionCookieName];
    const principal = token ? await resolvePrincipal(deps, token) : null;
    // A suspended network's members cannot act (ADR 0032); its data stays as it was.
    const isSuspended = principal ? await isNetworkSuspended(deps.db, principal.networkId) : false;
    const loaded = { principal, isSuspended };
    cache.set(request, loaded);
    return loaded;
  }
  async function findPrincipal(request: FastifyRequest): Promise<Principal | null> {
    const { principal, isSuspended } = await loadPrincipal(request);
    return isSuspended ? null : principal;
  }
  return {
    findPrincipal,
    async requirePrincipal(request, options = {}) {
      const { principal, isSuspended } = await loadPrincipal(request);
      if (isSuspended) throw new AppError('NETWORK_SUSPENDED', 'This network is suspended.');
      if (!principal) {
        // A deployment operator is no member: every members' route refuses them (ADR 0032).
        const token = request.cookies[sessionCookieName];
        if (token && (await isOperatorSessionToken(deps.db, token))) {
          throw new AppError('FORBIDDEN', 'You do not have access to this.');
        }
        throw new AppError('UNAUTHENTICATED', 'Sign in to continue.');
      }
      if (!safeMethods.has(request.method) && !hasValidCsrfToken(request, principal.csrfToken)) {
        throw new AppError('CSRF_FAILED', 'The form has expired; reload the page and try again.');
      }
      if (!options.allowWithoutSecondFactor && mustEnrolSecondFactor(principal)) {
        throw new AppError('SECOND_FACTOR_REQUIRED', 'Add a passkey or an authenticator app first.');
      }
      return principal;
    },
  };
}

function hasValidCsrfToken(request: FastifyRequest, expected: string): boolean {
  const header = request.headers['x-csrf-token'];
  const body = request.body as Record<string, unknown> | undefined;
  const provided = typeof header === 'string' ? header : typeof body?._csrf === 'string' ? body._csrf : '';
  const a = Buffer.from(provided);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function setSessionCookie(reply: FastifyReply, token: string): void {
  void reply.setCookie(sessionCookieName, token, {
    path: '/',
    httpOnly: true,
    secure: true,
    sameSite: 'strict',
    maxAge: Math.floor(sessionPolicy.absoluteTimeoutMs / 1000),
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  void reply.clearCookie(sessionCookieName, { path: '/', httpOnly: true, secure: true, sameSite: 'strict' });
}
