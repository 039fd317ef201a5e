import { AppError } from '../../../platform/errors/app-error.ts';
import { areasFor, hasRole, requireRole } from '../../identity/index.ts';
import type { Principal, Role } from '../../identity/index.ts';

/** Who stands watch: members who go out for the network (not viewers, not admins as such). */
export const watchVolunteerRoles = [
  'coordinator',
  'dispatcher',
  'responder',
  'advocate',
] as const satisfies readonly Role[];

/** Reading sites and shifts: the volunteers, in the areas of their grants. */
export function requireWatchReader(principal: Principal): void {
  requireRole(principal, watchVolunteerRoles);
}

/** The areas whose sites the principal sees ('all' for a grant without area). */
export function watchAreasOf(principal: Principal): 'all' | string[] {
  return areasFor(principal, watchVolunteerRoles);
}

/** Coordinators of the site's area (or network-wide ones) keep its sites and shifts. */
export function canManageWatchArea(principal: Principal, areaId: string): boolean {
  return hasRole(principal, ['coordinator'], [areaId]);
}

export function requireWatchManager(principal: Principal, areaId: string): void {
  if (!canManageWatchArea(principal, areaId)) {
    throw new AppError('FORBIDDEN', 'Only a coordinator of this area may change it.');
  }
}

/** A volunteer signs up only where a grant of theirs reaches; elsewhere the site is not found. */
export function requireWatchVolunteerAt(principal: Principal, areaId: string): void {
  if (!hasRole(principal, watchVolunteerRoles, [areaId])) throw new AppError('NOT_FOUND', 'Not found.');
}
