import type { Clock } from '../../../platform/clock/clock.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import type { Role } from '../members/index.ts';
import type { Principal } from './principal.ts';

/** A fresh passkey or TOTP proof newer than this allows approving, exporting and role changes. */
export const stepUpWindowMs = 5 * 60 * 1000;

/** Roles whose privileged actions need an enrolled passkey or TOTP (never SMS codes). */
const rolesNeedingSecondFactor: readonly Role[] = ['admin', 'coordinator'];

/**
 * Whether the principal holds one of `roles`. With `areaIds`, a grant limited to an area counts
 * only if it is one of them; an unlimited grant (areaId null) always counts. Probationary members
 * hold no role for authorization purposes until vetted.
 */
export function hasRole(principal: Principal, roles: readonly Role[], areaIds?: readonly string[]): boolean {
  if (principal.status !== 'active') return false;
  return principal.roles.some(
    (grant) =>
      roles.includes(grant.role) &&
      (grant.areaId === null || areaIds === undefined || areaIds.includes(grant.areaId)),
  );
}

/** Area ids the principal may act on with these roles, or 'all' for an unlimited grant. */
export function areasFor(principal: Principal, roles: readonly Role[]): 'all' | string[] {
  if (principal.status !== 'active') return [];
  const grants = principal.roles.filter((grant) => roles.includes(grant.role));
  if (grants.some((grant) => grant.areaId === null)) return 'all';
  return [...new Set(grants.map((grant) => grant.areaId).filter((id): id is string => id !== null))];
}

export function requireRole(principal: Principal, roles: readonly Role[], areaIds?: readonly string[]): void {
  if (!hasRole(principal, roles, areaIds)) throw new AppError('FORBIDDEN', 'You do not have access to this.');
}

/** Objects of another network are reported as missing, never as forbidden: no existence oracle. */
export function requireSameNetwork(principal: Principal, networkId: string): void {
  if (principal.networkId !== networkId) throw new AppError('NOT_FOUND', 'Not found.');
}

/**
 * Every member holding any role enrols a passkey or TOTP at first sign-in, before any work screen
 * or API opens (SECURITY.md: "TOTP at least for others"; ADR 0019).
 */
export function mustEnrolSecondFactor(principal: Principal): boolean {
  return principal.roles.length > 0 && !principal.hasSecondFactor;
}

/** Admins and coordinators must have a passkey or TOTP before any privileged action. */
export function requireSecondFactorEnrolled(principal: Principal): void {
  const needsIt = principal.roles.some((grant) => rolesNeedingSecondFactor.includes(grant.role));
  if (needsIt && !principal.hasSecondFactor) {
    throw new AppError('SECOND_FACTOR_REQUIRED', 'Add a passkey or an authenticator app first.');
  }
}

/** A fresh second-factor proof is needed (approve an alert, export data, change roles). */
export function requireStepUp(principal: Principal, clock: Clock): void {
  requireSecondFactorEnrolled(principal);
  if (
    !principal.hasSecondFactor ||
    principal.secondFactorAt === null ||
    clock.now() - principal.secondFactorAt > stepUpWindowMs
  ) {
    throw new AppError('STEP_UP_REQUIRED', 'Confirm it is you with your passkey or authenticator code.');
  }
}

/**
 * Approving (an alert, a follow-up, a template, a privilege grant, a recovery) and administering
 * (roles, recovery links, settings with security impact) need a fresh passkey proof, never only an
 * authenticator code: a phished code cannot approve (SECURITY.md; ADR 0026). Without any fresh
 * proof the answer is STEP_UP_REQUIRED, as for every step-up. After a fresh authenticator code, a
 * member without a passkey is told to register one (PASSKEY_REQUIRED); one with a passkey is asked
 * for it (PASSKEY_STEP_UP_REQUIRED).
 */
export function requirePasskeyStepUp(principal: Principal, clock: Clock): void {
  requireStepUp(principal, clock);
  if (principal.secondFactorMethod === 'passkey') return;
  if (!principal.hasPasskey) {
    throw new AppError('PASSKEY_REQUIRED', 'Register a passkey on your account page first.');
  }
  throw new AppError('PASSKEY_STEP_UP_REQUIRED', 'Confirm it is you with your passkey.');
}
