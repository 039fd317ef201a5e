import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../../../platform/context.ts';
import { createAuthDeps } from './auth.deps.ts';
import { createAuthenticator } from './authenticator.ts';
import { prepareDummyHash } from './password.ts';
import { registerSecondFactorRoutes } from './second-factor.routes.ts';
import { registerSessionRoutes } from './session.routes.ts';
import { registerSignInRoutes } from './sign-in.routes.ts';

/** Sign-in, sessions, second factors (TOTP, passkeys) and step-up. */
export { hashPassword, needsRehash, newPasswordSchema, passwordLength, verifyPassword } from './password.ts';
export {
  clearSessionCookie,
  createAuthenticator,
  sessionCookieName,
  setSessionCookie,
} from './authenticator.ts';
export type { Authenticator } from './authenticator.ts';
export {
  areasFor,
  hasRole,
  requireRole,
  requireSameNetwork,
  requirePasskeyStepUp,
  requireSecondFactorEnrolled,
  requireStepUp,
  stepUpWindowMs,
} from './auth.policy.ts';
export type { Principal, RoleGrant } from './principal.ts';
export type { MemberAccounts, PrincipalGrants } from './member-accounts.ts';
export { csrfTokenFor, sessionPolicy, startSession } from './session.service.ts';
// Members revokes a removed or suspended member's sessions in its own transaction.
export { revokeSessionsOfMember } from './session.repository.ts';
export { resetSignInFactors } from './credential-reset.service.ts';
export type { CredentialReset } from './credential-reset.service.ts';
export { enforceLimits } from './auth.deps.ts';
export type { AttemptLimiter } from './auth.deps.ts';

export function registerAuthRoutes(app: FastifyInstance, context: PlatformContext): void {
  const deps = createAuthDeps(context);
  const authenticator = createAuthenticator(context);
  // Hash the dummy password now, so even the first unknown-email sign-in takes the usual time.
  void prepareDummyHash().catch(() => undefined);
  registerSignInRoutes(app, deps);
  registerSessionRoutes(app, deps, authenticator);
  registerSecondFactorRoutes(app, deps, authenticator);
}
