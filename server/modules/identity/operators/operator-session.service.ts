import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Clock } from '../../../platform/clock/clock.ts';
import type { Database } from '../../../platform/database/schema.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { csrfTokenFor, hashSessionToken, sessionPolicy } from '../auth/session.service.ts';
import { findLiveOperatorSession, touchOperatorSession } from './operator.repository.ts';

/** A signed-in deployment operator: no network, no member, no role in any network. */
export interface OperatorPrincipal {
  operatorId: string;
  sessionId: string;
  csrfToken: string;
}

/** The operator behind a session token, or null (unknown, ended, idle or expired). */
export async function resolveOperator(
  deps: { db: Kysely<Database>; clock: Clock },
  token: string,
): Promise<OperatorPrincipal | null> {
  if (token.length < 20 || token.length > 100) return null;
  const session = await findLiveOperatorSession(deps.db, hashSessionToken(token));
  if (!session) return null;
  const now = deps.clock.now();
  if (now >= session.expires_at || now - session.last_seen_at >= sessionPolicy.idleTimeoutMs) return null;
  if (now - session.last_seen_at >= sessionPolicy.touchIntervalMs) {
    await touchOperatorSession(deps.db, session.id, now);
  }
  return { operatorId: session.operator_id, sessionId: session.id, csrfToken: csrfTokenFor(token) };
}

/**
 * The operator, or UNAUTHENTICATED; FORBIDDEN for a member's session (a member is never an
 * operator). State-changing methods need the session's CSRF token, as for members.
 */
export async function requireOperator(
  deps: { db: Kysely<Database>; clock: Clock },
  request: FastifyRequest,
  token: string | undefined,
  isMemberSession: (token: string) => Promise<boolean>,
): Promise<OperatorPrincipal> {
  const operator = token ? await resolveOperator(deps, token) : null;
  if (!operator) {
    if (token && (await isMemberSession(token))) {
      throw new AppError('FORBIDDEN', 'You do not have access to this.');
    }
    throw new AppError('UNAUTHENTICATED', 'Sign in to continue.');
  }
  const isSafe = ['GET', 'HEAD', 'OPTIONS'].includes(request.method);
  const header = request.headers['x-csrf-token'];
  if (!isSafe && !isSameToken(typeof header === 'string' ? header : '', operator.csrfToken)) {
    throw new AppError('CSRF_FAILED', 'The form has expired; reload the page and try again.');
  }
  return operator;
}

/** Whether a session cookie is a live operator's: members' routes answer it FORBIDDEN. */
export async function isOperatorSessionToken(db: Kysely<Database>, token: string): Promise<boolean> {
  if (token.length < 20 || token.length > 100) return false;
  return (await findLiveOperatorSession(db, hashSessionToken(token))) !== undefined;
}

function isSameToken(provided: string, expected: string): boolean {
  const a = Buffer.from(provided);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
