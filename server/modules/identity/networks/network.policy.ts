import { AppError } from '../../../platform/errors/app-error.ts';
import { requireRole, requireSecondFactorEnrolled } from '../auth/index.ts';
import type { Principal } from '../auth/index.ts';

/** Reading the network's profile and areas: any active (vetted, not suspended) member. */
export function requireActiveMember(principal: Principal): void {
  if (principal.status !== 'active') throw new AppError('FORBIDDEN', 'You do not have access to this.');
}

/**
 * Changing the network or its areas: an admin for the whole network (an area-limited admin grant
 * does not reach network-wide settings or other areas) with a passkey or TOTP enrolled.
 */
export function requireNetworkAdmin(principal: Principal): void {
  requireRole(principal, ['admin'], []);
  requireSecondFactorEnrolled(principal);
}
